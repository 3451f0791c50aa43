using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShuangSuiJi.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class EventClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EventClaims",
                columns: table => new
                {
                    Type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventClaims", x => new { x.Type, x.Subject });
                });

            // Withdrawals already decided before this table existed: the earliest event for each subject claims it.
            migrationBuilder.Sql(@"INSERT INTO ""EventClaims"" (""Type"", ""Subject"", ""EventId"", ""ClaimedAt"") SELECT o.""Type"", o.""Subject"", o.""Id"", o.""OccurredAt"" FROM ""Outbox"" o WHERE o.""Type"" = 'result.publicity-withdrawn' AND NOT EXISTS (SELECT 1 FROM ""Outbox"" e WHERE e.""Type"" = o.""Type"" AND e.""Subject"" = o.""Subject"" AND (e.""OccurredAt"" < o.""OccurredAt"" OR (e.""OccurredAt"" = o.""OccurredAt"" AND e.""Id"" < o.""Id"")))");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EventClaims");
        }
    }
}
