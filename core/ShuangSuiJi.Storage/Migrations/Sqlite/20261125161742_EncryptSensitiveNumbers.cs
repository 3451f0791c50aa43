using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShuangSuiJi.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EncryptSensitiveNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdNumberIndex",
                table: "Inspectors",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Inspectors_IdNumberIndex",
                table: "Inspectors",
                column: "IdNumberIndex");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Inspectors_IdNumberIndex",
                table: "Inspectors");

            migrationBuilder.DropColumn(
                name: "IdNumberIndex",
                table: "Inspectors");
        }
    }
}
