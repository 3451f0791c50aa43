using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShuangSuiJi.Storage.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DrawnAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EligibleHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EligibleCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DrawnCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Refused = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Draws", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TaskSeeds",
                columns: table => new
                {
                    TaskNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CommitmentAlgorithm = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Seed = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CommittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevealedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
