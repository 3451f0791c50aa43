using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShuangSuiJi.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvaluationLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EvaluationLinks",
                columns: table => new
                {
                    NonceHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TaskNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TargetCreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    DepartmentCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EvaluationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationLinks", x => x.NonceHash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationLinks_TaskNumber_TargetCreditCode_DepartmentCode",
                table: "EvaluationLinks",
                columns: new[] { "TaskNumber", "TargetCreditCode", "DepartmentCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvaluationLinks");
        }
    }
}
