using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShuangSuiJi.Storage.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DrawLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Draws",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TaskNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    DrawnAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Algorithm = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    EligibleHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    EligibleCount = table.Column<int>(type: "int", nullable: false),
                    DrawnCount = table.Column<int>(type: "int", nullable: false),
                    Refused = table.Column<bool>(type: "bit", nullable: false),
                    RecordJson = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Draws", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TaskSeeds",
                columns: table => new
                {
                    TaskNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Commitment = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CommitmentAlgorithm = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Seed = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CommittedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RevealedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskSeeds", x => x.TaskNumber);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Draws_TaskNumber",
                table: "Draws",
                column: "TaskNumber");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Draws");

            migrationBuilder.DropTable(
                name: "TaskSeeds");
        }
    }
}
