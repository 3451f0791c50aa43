using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShuangSuiJi.Storage.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Departments",
                columns: table => new
                {
                    Code = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ParentCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CreditCode = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Level = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    LineOfWork = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Active = table.Column<bool>(type: "bit", nullable: false),
                    SourceExchange = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SourcePartner = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Departments", x => x.Code);
                });

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
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TaskNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TargetCreditCode = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false),
                    DepartmentCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Rating = table.Column<int>(type: "int", nullable: false),
                    Comment = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    SourceExchange = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SourcePartner = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InspectionItems",
                columns: table => new
                {
                    Code = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    OwnerDepartmentCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Field = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Content = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    LegalBasis = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Methods = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    TargetScope = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    IsKeyItem = table.Column<bool>(type: "bit", nullable: false),
                    Active = table.Column<bool>(type: "bit", nullable: false),
                    SourceExchange = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SourcePartner = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionItems", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Inspectors",
                columns: table => new
                {
                    CertificateNumber = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DepartmentCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    IdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    Phone = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    CertificateValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    CertificateValidTo = table.Column<DateOnly>(type: "date", nullable: false),
                    Expertise = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    RecusalScope = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    SourceExchange = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SourcePartner = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Inspectors", x => x.CertificateNumber);
                });

            migrationBuilder.CreateTable(
                name: "Plans",
                columns: table => new
                {
                    Code = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    InitiatingDepartmentCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Participants = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    TargetScope = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RatioPercent = table.Column<decimal>(type: "decimal(7,4)", precision: 7, scale: 4, nullable: false),
                    Frequency = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    StartMonth = table.Column<int>(type: "int", nullable: false),
                    EndMonth = table.Column<int>(type: "int", nullable: false),
                    Methods = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ReviewState = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ReviewOpinion = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    WarningLight = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    SourceExchange = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SourcePartner = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Plans", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "RejectedRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Kind = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Partner = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Exchange = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Location = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Errors = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Payload = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RejectedRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Results",
                columns: table => new
                {
                    TaskNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TargetCreditCode = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false),
                    DepartmentCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Findings = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    InspectorCertificateNumbers = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Method = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    InspectedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EnteredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PublicisedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CaseLeadNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    SourceExchange = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SourcePartner = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Results", x => new { x.TaskNumber, x.TargetCreditCode, x.DepartmentCode });
                });

            migrationBuilder.CreateTable(
                name: "Targets",
                columns: table => new
                {
                    CreditCode = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    EntityType = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    LegalRepresentative = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Address = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    RegistrationAuthorityCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    EstablishedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    IndustryCode = table.Column<string>(type: "nvarchar(5)", maxLength: 5, nullable: false),
                    Tags = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    RiskGrade = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    SourceExchange = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SourcePartner = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Targets", x => x.CreditCode);
                });

            migrationBuilder.CreateTable(
                name: "Tasks",
                columns: table => new
                {
                    TaskNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PlanCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    InitiatingDepartmentCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CooperatingDepartmentCodes = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    WindowStart = table.Column<DateOnly>(type: "date", nullable: false),
                    WindowEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    WarningLight = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    SeedCommitment = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    SourceExchange = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SourcePartner = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tasks", x => x.TaskNumber);
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

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    LoginName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DepartmentCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Roles = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Enabled = table.Column<bool>(type: "bit", nullable: false),
                    SourceExchange = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SourcePartner = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.LoginName);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Departments_ParentCode",
                table: "Departments",
                column: "ParentCode");

            migrationBuilder.CreateIndex(
                name: "IX_Departments_RegionCode",
                table: "Departments",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Draws_TaskNumber",
                table: "Draws",
                column: "TaskNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_TaskNumber",
                table: "Evaluations",
                column: "TaskNumber");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionItems_OwnerDepartmentCode",
                table: "InspectionItems",
                column: "OwnerDepartmentCode");

            migrationBuilder.CreateIndex(
                name: "IX_Inspectors_DepartmentCode",
                table: "Inspectors",
                column: "DepartmentCode");

            migrationBuilder.CreateIndex(
                name: "IX_Plans_InitiatingDepartmentCode",
                table: "Plans",
                column: "InitiatingDepartmentCode");

            migrationBuilder.CreateIndex(
                name: "IX_Plans_Year",
                table: "Plans",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_RejectedRecords_Kind_ReceivedAt",
                table: "RejectedRecords",
                columns: new[] { "Kind", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Results_DepartmentCode",
                table: "Results",
                column: "DepartmentCode");

            migrationBuilder.CreateIndex(
                name: "IX_Results_TargetCreditCode",
                table: "Results",
                column: "TargetCreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_Targets_RegionCode",
                table: "Targets",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Targets_RegistrationAuthorityCode",
                table: "Targets",
                column: "RegistrationAuthorityCode");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_InitiatingDepartmentCode",
                table: "Tasks",
                column: "InitiatingDepartmentCode");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_PlanCode",
                table: "Tasks",
                column: "PlanCode");

            migrationBuilder.CreateIndex(
                name: "IX_Users_DepartmentCode",
                table: "Users",
                column: "DepartmentCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Departments");

            migrationBuilder.DropTable(
                name: "Draws");

            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "InspectionItems");

            migrationBuilder.DropTable(
                name: "Inspectors");

            migrationBuilder.DropTable(
                name: "Plans");

            migrationBuilder.DropTable(
                name: "RejectedRecords");

            migrationBuilder.DropTable(
                name: "Results");

            migrationBuilder.DropTable(
                name: "Targets");

            migrationBuilder.DropTable(
                name: "Tasks");

            migrationBuilder.DropTable(
                name: "TaskSeeds");

            migrationBuilder.DropTable(
                name: "Users");
        }
    }
}
