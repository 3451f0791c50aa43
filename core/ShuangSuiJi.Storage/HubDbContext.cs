using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Storage.Draws;
using ShuangSuiJi.Storage.Evaluations;
using ShuangSuiJi.Storage.Exchanges;
using ShuangSuiJi.Storage.Protection;
using ShuangSuiJi.Storage.Reconciliation;

namespace ShuangSuiJi.Storage;

/// <summary>
/// The canonical store: the eight kinds keyed by their natural keys, plus rejected records. Each provider has
/// a derived context (<see cref="SqliteHubDbContext"/>, <see cref="PostgreSqlHubDbContext"/>,
/// <see cref="SqlServerHubDbContext"/>) that owns its migrations; services depend on this base type.
/// ID and phone numbers, and the payloads that hold any, are encrypted at rest with <see cref="FieldCipher"/>.
/// </summary>
public abstract class HubDbContext : DbContext
{
    /// <summary>The shadow column holding the blind index of <see cref="Inspector.IdNumber"/>, for lookups by ID number.</summary>
    public const string IdNumberIndex = "IdNumberIndex";

    private const int EncryptedNumberLength = 128;

    protected HubDbContext(DbContextOptions options, FieldCipher cipher)
        : base(options)
    {
        Cipher = cipher ?? throw new ArgumentNullException(nameof(cipher));
        SavingChanges += (_, _) => StampBlindIndexes();
    }

    /// <summary>The cipher of the encrypted columns; one EF model per key ring.</summary>
    public FieldCipher Cipher { get; }

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<User> Users => Set<User>();

    public DbSet<InspectionItem> InspectionItems => Set<InspectionItem>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<InspectionTask> Tasks => Set<InspectionTask>();

    public DbSet<Target> Targets => Set<Target>();

    public DbSet<Inspector> Inspectors => Set<Inspector>();

    public DbSet<InspectionResult> Results => Set<InspectionResult>();

    public DbSet<Evaluation> Evaluations => Set<Evaluation>();

    public DbSet<RejectedRecord> RejectedRecords => Set<RejectedRecord>();

    /// <summary>Secret seeds of scheduled tasks (commit-reveal).</summary>
    public DbSet<TaskSeed> TaskSeeds => Set<TaskSeed>();

    /// <summary>Published draw records.</summary>
    public DbSet<DrawLedgerEntry> Draws => Set<DrawLedgerEntry>();

    /// <summary>Penalty decisions (处罚决定) that followed case leads.</summary>
    public DbSet<CaseDecision> CaseDecisions => Set<CaseDecision>();

    /// <summary>Events waiting to be dispatched to the bus, written with the change that raised them.</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <summary>Events that may be raised once per subject, each with the outbox message that carries it.</summary>
    public DbSet<EventClaim> EventClaims => Set<EventClaim>();

    /// <summary>Events on their way to partners, one per route.</summary>
    public DbSet<Delivery> Deliveries => Set<Delivery>();

    /// <summary>Tickets partners gave for batches they process later, polled until finished.</summary>
    public DbSet<BatchTicket> BatchTickets => Set<BatchTicket>();

    /// <summary>Every pull and delivery attempt.</summary>
    public DbSet<ExchangeLogEntry> ExchangeLog => Set<ExchangeLogEntry>();

    /// <summary>How far each scheduled pull has safely got.</summary>
    public DbSet<Watermark> Watermarks => Set<Watermark>();

    /// <summary>Each partner's own copy of the records it holds, for reconciliation.</summary>
    public DbSet<PartnerRecord> PartnerRecords => Set<PartnerRecord>();

    /// <summary>Local accounts of the dashboard and API.</summary>
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    /// <summary>Reconciliation runs, kept as history.</summary>
    public DbSet<ReconciliationRun> ReconciliationRuns => Set<ReconciliationRun>();

    /// <summary>Where each record stands between two systems.</summary>
    public DbSet<ReconciliationItem> ReconciliationItems => Set<ReconciliationItem>();

    /// <summary>Administrators' resolutions of differences, append-only.</summary>
    public DbSet<ReconciliationResolution> ReconciliationResolutions => Set<ReconciliationResolution>();

    /// <summary>The append-only, SM3 hash-chained audit trail of administrative acts.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>One-time evaluation links handed to inspected enterprises (QR codes).</summary>
    public DbSet<EvaluationLink> EvaluationLinks => Set<EvaluationLink>();

    /// <summary>The provider this context speaks to.</summary>
    public abstract StorageProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<Department>(e =>
        {
            e.ToTable("Departments");
            e.HasKey(d => d.Code);
            Code(e.Property(d => d.Code));
            Code(e.Property(d => d.ParentCode));
            e.Property(d => d.CreditCode).HasMaxLength(18);
            Region(e.Property(d => d.RegionCode));
            e.Property(d => d.Name).HasMaxLength(200);
            e.Ignore(d => d.IsMarketSupervision);
            e.HasIndex(d => d.ParentCode);
            e.HasIndex(d => d.RegionCode);
            Provenance(e);
        });

        modelBuilder.Entity<User>(e =>
        {
            e.ToTable("Users");
            e.HasKey(u => u.LoginName);
            e.Property(u => u.LoginName).HasMaxLength(100);
            e.Property(u => u.DisplayName).HasMaxLength(100);
            Code(e.Property(u => u.DepartmentCode));
            e.HasIndex(u => u.DepartmentCode);
            Provenance(e);
        });

        modelBuilder.Entity<InspectionItem>(e =>
        {
            e.ToTable("InspectionItems");
            e.HasKey(i => i.Code);
            Code(e.Property(i => i.Code));
            Code(e.Property(i => i.OwnerDepartmentCode));
            e.Property(i => i.Name).HasMaxLength(200);
            e.Property(i => i.Field).HasMaxLength(100);
            e.Property(i => i.TargetScope).HasMaxLength(200);
            JsonList(e.Property(i => i.Methods));
            e.HasIndex(i => i.OwnerDepartmentCode);
            Provenance(e);
        });

        modelBuilder.Entity<Plan>(e =>
        {
            e.ToTable("Plans");
            e.HasKey(p => p.Code);
            Code(e.Property(p => p.Code));
            Code(e.Property(p => p.InitiatingDepartmentCode));
            e.Property(p => p.Name).HasMaxLength(300);
            e.Property(p => p.TargetScope).HasMaxLength(200);
            e.Property(p => p.RatioPercent).HasPrecision(7, 4);
            JsonList(e.Property(p => p.Participants));
            JsonList(e.Property(p => p.Methods));
            e.Ignore(p => p.IsJoint);
            e.HasIndex(p => p.InitiatingDepartmentCode);
            e.HasIndex(p => p.Year);
            Provenance(e);
        });

        modelBuilder.Entity<InspectionTask>(e =>
        {
            e.ToTable("Tasks");
            e.HasKey(t => t.TaskNumber);
            Code(e.Property(t => t.TaskNumber));
            Code(e.Property(t => t.PlanCode));
            Code(e.Property(t => t.InitiatingDepartmentCode));
            e.Property(t => t.Name).HasMaxLength(300);
            e.Property(t => t.SeedCommitment).HasMaxLength(128);
            JsonList(e.Property(t => t.CooperatingDepartmentCodes));
            e.HasIndex(t => t.PlanCode);
            e.HasIndex(t => t.InitiatingDepartmentCode);
            Provenance(e);
        });

        modelBuilder.Entity<Target>(e =>
        {
            e.ToTable("Targets");
            e.HasKey(t => t.CreditCode);
            e.Property(t => t.CreditCode).HasMaxLength(18);
            e.Property(t => t.Name).HasMaxLength(300);
            e.Property(t => t.LegalRepresentative).HasMaxLength(100);
            e.Property(t => t.Address).HasMaxLength(300);
            Region(e.Property(t => t.RegionCode));
            Code(e.Property(t => t.RegistrationAuthorityCode));
            e.Property(t => t.IndustryCode).HasMaxLength(5);
            JsonList(e.Property(t => t.Tags));
            e.Ignore(t => t.IsDrawable);
            e.HasIndex(t => t.RegionCode);
            e.HasIndex(t => t.RegistrationAuthorityCode);
            Provenance(e);
        });

        modelBuilder.Entity<Inspector>(e =>
        {
            e.ToTable("Inspectors");
            e.HasKey(i => i.CertificateNumber);
            e.Property(i => i.CertificateNumber).HasMaxLength(20);
            e.Property(i => i.Name).HasMaxLength(100);
            Code(e.Property(i => i.DepartmentCode));
            // Encrypted at rest (random nonce: never equal twice), found by their blind index.
            var cipher = Cipher;
            e.Property(i => i.IdNumber).HasConversion(new ValueConverter<IdNumber, string>(v => cipher.Encrypt(v.Value), v => new IdNumber(cipher.Decrypt(v)))).HasMaxLength(EncryptedNumberLength);
            e.Property(i => i.Phone).HasConversion(new ValueConverter<PhoneNumber, string>(v => cipher.Encrypt(v.Value), v => new PhoneNumber(cipher.Decrypt(v)))).HasMaxLength(EncryptedNumberLength);
            e.Property<string?>(IdNumberIndex).HasMaxLength(64);
            e.HasIndex(IdNumberIndex);
            JsonList(e.Property(i => i.Expertise));
            JsonList(e.Property(i => i.RecusalScope));
            e.HasIndex(i => i.DepartmentCode);
            Provenance(e);
        });

        modelBuilder.Entity<InspectionResult>(e =>
        {
            e.ToTable("Results");
            e.HasKey(r => new { r.TaskNumber, r.TargetCreditCode, r.DepartmentCode });
            Code(e.Property(r => r.TaskNumber));
            e.Property(r => r.TargetCreditCode).HasMaxLength(18);
            Code(e.Property(r => r.DepartmentCode));
            e.Property(r => r.Findings).HasMaxLength(2000);
            Code(e.Property(r => r.CaseLeadNumber));
            JsonList(e.Property(r => r.InspectorCertificateNumbers));
            e.Ignore(r => r.FoundProblem);
            e.HasIndex(r => r.TargetCreditCode);
            e.HasIndex(r => r.DepartmentCode);
            Provenance(e);
        });

        modelBuilder.Entity<Evaluation>(e =>
        {
            e.ToTable("Evaluations");
            e.HasKey(v => v.Id);
            Code(e.Property(v => v.Id));
            Code(e.Property(v => v.TaskNumber));
            e.Property(v => v.TargetCreditCode).HasMaxLength(18);
            Code(e.Property(v => v.DepartmentCode));
            e.Property(v => v.Comment).HasMaxLength(2000);
            e.HasIndex(v => v.TaskNumber);
            Provenance(e);
        });

        modelBuilder.Entity<RejectedRecord>(e =>
        {
            e.ToTable("RejectedRecords");
            e.HasKey(r => r.Id);
            e.Property(r => r.Kind).HasMaxLength(50);
            e.Property(r => r.Key).HasMaxLength(200);
            e.Property(r => r.Partner).HasMaxLength(50);
            e.Property(r => r.Exchange).HasMaxLength(100);
            e.Property(r => r.Location).HasMaxLength(200);
            Sensitive(e.Property(r => r.Payload));
            e.HasIndex(r => new { r.Kind, r.ReceivedAt });
        });

        modelBuilder.Entity<TaskSeed>(e =>
        {
            e.ToTable("TaskSeeds");
            e.HasKey(s => s.TaskNumber);
            e.Property(s => s.TaskNumber).HasMaxLength(64);
            e.Property(s => s.Commitment).HasMaxLength(64);
            e.Property(s => s.CommitmentAlgorithm).HasMaxLength(10);
            e.Property(s => s.Seed).HasMaxLength(64);
        });

        modelBuilder.Entity<DrawLedgerEntry>(e =>
        {
            e.ToTable("Draws");
            e.HasKey(d => d.Id);
            e.Property(d => d.TaskNumber).HasMaxLength(64);
            e.Property(d => d.Algorithm).HasMaxLength(20);
            e.Property(d => d.EligibleHash).HasMaxLength(64);
            e.HasIndex(d => d.TaskNumber);
        });

        modelBuilder.Entity<CaseDecision>(e =>
        {
            e.ToTable("CaseDecisions");
            e.HasKey(d => d.DecisionNumber);
            Code(e.Property(d => d.DecisionNumber));
            Code(e.Property(d => d.CaseLeadNumber));
            Code(e.Property(d => d.TaskNumber));
            e.Property(d => d.TargetCreditCode).HasMaxLength(18);
            e.Property(d => d.PenaltyKind).HasMaxLength(20);
            e.Property(d => d.FineAmount).HasPrecision(18, 2);
            e.HasIndex(d => d.CaseLeadNumber);
            e.HasIndex(d => new { d.TaskNumber, d.TargetCreditCode });
            Provenance(e);
        });

        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("Outbox");
            e.HasKey(m => m.Id);
            e.Property(m => m.Type).HasMaxLength(50);
            e.Property(m => m.Subject).HasMaxLength(200);
            e.Property(m => m.ClaimedBy).HasMaxLength(100);
            Sensitive(e.Property(m => m.Payload));
            e.HasIndex(m => new { m.DispatchedAt, m.OccurredAt });
        });

        modelBuilder.Entity<EventClaim>(e =>
        {
            e.ToTable("EventClaims");
            e.HasKey(c => new { c.Type, c.Subject });
            e.Property(c => c.Type).HasMaxLength(50);
            e.Property(c => c.Subject).HasMaxLength(200);
        });

        modelBuilder.Entity<Delivery>(e =>
        {
            e.ToTable("Deliveries");
            e.HasKey(d => d.Id);
            e.Property(d => d.EventType).HasMaxLength(50);
            e.Property(d => d.Subject).HasMaxLength(200);
            e.Property(d => d.Route).HasMaxLength(100);
            e.Property(d => d.Partner).HasMaxLength(50);
            e.Property(d => d.IdempotencyKey).HasMaxLength(150);
            e.Property(d => d.ClaimedBy).HasMaxLength(100);
            e.Property(d => d.BatchKey).HasMaxLength(100);
            e.Property(d => d.PartnerId).HasMaxLength(100);
            Masked(e.Property(d => d.LastError)).HasMaxLength(2000);
            Sensitive(e.Property(d => d.Payload));
            e.HasIndex(d => d.IdempotencyKey).IsUnique();
            e.HasIndex(d => new { d.Status, d.NextAttemptAt });
            e.HasIndex(d => d.EventId);
            e.HasIndex(d => d.BatchKey);
        });

        modelBuilder.Entity<BatchTicket>(e =>
        {
            e.ToTable("BatchTickets");
            e.HasKey(t => t.Id);
            e.Property(t => t.Partner).HasMaxLength(50);
            e.Property(t => t.Ticket).HasMaxLength(100);
            e.Property(t => t.EventType).HasMaxLength(50);
            e.Property(t => t.Route).HasMaxLength(100);
            e.Property(t => t.BatchKey).HasMaxLength(100);
            JsonList(e.Property(t => t.DeliveryIds));
            e.Property(t => t.LastError).HasMaxLength(2000);
            e.HasIndex(t => new { t.Partner, t.Ticket }).IsUnique();
            e.HasIndex(t => new { t.Partner, t.State });
        });

        modelBuilder.Entity<ExchangeLogEntry>(e =>
        {
            e.ToTable("ExchangeLog");
            e.HasKey(x => x.Id);
            e.Property(x => x.Partner).HasMaxLength(50);
            e.Property(x => x.Kind).HasMaxLength(50);
            e.Property(x => x.Operation).HasMaxLength(100);
            e.Property(x => x.CorrelationId).HasMaxLength(100);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.Reference).HasMaxLength(200);
            Masked(e.Property(x => x.Error)).HasMaxLength(2000);
            Masked(e.Property(x => x.Request));
            Masked(e.Property(x => x.Response));
            e.HasIndex(x => new { x.Partner, x.StartedAt });
            e.HasIndex(x => x.CorrelationId);
        });

        modelBuilder.Entity<Watermark>(e =>
        {
            e.ToTable("Watermarks");
            e.HasKey(w => w.Name);
            e.Property(w => w.Name).HasMaxLength(100);
            e.Property(w => w.Value).HasMaxLength(200);
        });

        modelBuilder.Entity<PartnerRecord>(e =>
        {
            e.ToTable("PartnerRecords");
            e.HasKey(r => new { r.Partner, r.Kind, r.Key });
            e.Property(r => r.Partner).HasMaxLength(50);
            e.Property(r => r.Kind).HasMaxLength(50);
            e.Property(r => r.Key).HasMaxLength(200);
            e.Property(r => r.Hash).HasMaxLength(64);
            Sensitive(e.Property(r => r.Json));
        });

        modelBuilder.Entity<Account>(e =>
        {
            e.ToTable("Accounts");
            e.HasKey(a => a.Id);
            e.Property(a => a.Name).HasMaxLength(64);
            e.Property(a => a.PasswordHash).HasMaxLength(200);
            e.Property(a => a.Role).HasMaxLength(20);
            Code(e.Property(a => a.DepartmentCode));
            e.Property(a => a.TotpSecret).HasMaxLength(400);
            e.HasIndex(a => a.Name).IsUnique();
        });

        modelBuilder.Entity<ApiKey>(e =>
        {
            e.ToTable("ApiKeys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Name).HasMaxLength(64);
            e.Property(k => k.Role).HasMaxLength(20);
            Code(e.Property(k => k.DepartmentCode));
            e.Property(k => k.Prefix).HasMaxLength(ApiKeySecret.PrefixLength);
            e.Property(k => k.KeyHash).HasMaxLength(64);
            e.Property(k => k.CreatedBy).HasMaxLength(128);
            e.HasIndex(k => k.Name).IsUnique();
            e.HasIndex(k => k.Prefix).IsUnique();
        });

        modelBuilder.Entity<ReconciliationRun>(e =>
        {
            e.ToTable("ReconciliationRuns");
            e.HasKey(r => r.Id);
            e.Property(r => r.Kind).HasMaxLength(50);
            e.Property(r => r.Left).HasMaxLength(50);
            e.Property(r => r.Right).HasMaxLength(50);
            e.Property(r => r.Mode).HasMaxLength(20);
            e.Property(r => r.Error).HasMaxLength(2000);
            e.HasIndex(r => new { r.Kind, r.Left, r.Right, r.StartedAt });
        });

        modelBuilder.Entity<ReconciliationItem>(e =>
        {
            e.ToTable("ReconciliationItems");
            e.HasKey(i => new { i.Kind, i.Left, i.Right, i.Key });
            e.Property(i => i.Kind).HasMaxLength(50);
            e.Property(i => i.Left).HasMaxLength(50);
            e.Property(i => i.Right).HasMaxLength(50);
            e.Property(i => i.Key).HasMaxLength(200);
            e.Property(i => i.Class).HasMaxLength(20);
            e.Property(i => i.LeftHash).HasMaxLength(64);
            e.Property(i => i.RightHash).HasMaxLength(64);
            e.HasIndex(i => new { i.Kind, i.Left, i.Right, i.Class });
        });

        modelBuilder.Entity<ReconciliationResolution>(e =>
        {
            e.ToTable("ReconciliationResolutions");
            e.HasKey(r => r.Id);
            e.Property(r => r.Kind).HasMaxLength(50);
            e.Property(r => r.Left).HasMaxLength(50);
            e.Property(r => r.Right).HasMaxLength(50);
            e.Property(r => r.Key).HasMaxLength(200);
            e.Property(r => r.Action).HasMaxLength(20);
            e.Property(r => r.Side).HasMaxLength(50);
            e.Property(r => r.Reason).HasMaxLength(1000);
            e.Property(r => r.By).HasMaxLength(64);
            e.Property(r => r.LeftHash).HasMaxLength(64);
            e.Property(r => r.RightHash).HasMaxLength(64);
            e.Property(r => r.Outcome).HasMaxLength(1000);
            e.HasIndex(r => new { r.Kind, r.Left, r.Right, r.Key });
        });

        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.Property(a => a.Actor).HasMaxLength(128);
            e.Property(a => a.Act).HasMaxLength(40);
            e.Property(a => a.Subject).HasMaxLength(400);
            e.Property(a => a.Outcome).HasMaxLength(20);
            e.Property(a => a.Detail).HasMaxLength(AuditTrail.MaxDetail);
            e.Property(a => a.Address).HasMaxLength(64);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.Actor, a.At });
        });

        modelBuilder.Entity<EvaluationLink>(e =>
        {
            e.ToTable("EvaluationLinks");
            e.HasKey(l => l.NonceHash);
            e.Property(l => l.NonceHash).HasMaxLength(64);
            Code(e.Property(l => l.TaskNumber));
            e.Property(l => l.TargetCreditCode).HasMaxLength(18);
            Code(e.Property(l => l.DepartmentCode));
            e.Property(l => l.CreatedBy).HasMaxLength(128);
            Code(e.Property(l => l.EvaluationId));
            e.HasIndex(l => new { l.TaskNumber, l.TargetCreditCode, l.DepartmentCode });
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Enums as their names: readable in any SQL console and safe against renumbering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        ConfigureProviderConventions(configurationBuilder);
    }

    /// <summary>Provider-specific conventions, chiefly how instants are stored.</summary>
    protected abstract void ConfigureProviderConventions(ModelConfigurationBuilder configurationBuilder);

    private static void Code<T>(PropertyBuilder<T> property) => property.HasMaxLength(64);

    /// <summary>
    /// A payload column: encrypted whole when it holds anything like an ID or mobile number, plain otherwise, so the
    /// bulk of records (targets, results) read at full speed and a reader sees the same text either way.
    /// </summary>
    private void Sensitive(PropertyBuilder<string> property)
    {
        var cipher = Cipher;
        property.HasConversion(new ValueConverter<string, string>(v => cipher.EncryptIfSensitive(v), v => cipher.Decrypt(v)));
    }

    /// <summary>A log text column: ID and mobile numbers masked on the way in, whoever writes it.</summary>
    private static PropertyBuilder<string?> Masked(PropertyBuilder<string?> property) =>
        property.HasConversion(new ValueConverter<string?, string?>(v => SensitiveText.Mask(v), v => v));

    private void StampBlindIndexes()
    {
        foreach (var entry in ChangeTracker.Entries<Inspector>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                var index = entry.Entity.IdNumber is { Value.Length: > 0 } id ? Cipher.BlindIndex(id.Value) : null;
                var property = entry.Property<string?>(IdNumberIndex);
                if (property.CurrentValue != index)
                {
                    property.CurrentValue = index;
                }
            }
        }
    }

    private static void Region(PropertyBuilder<string> property) => property.HasMaxLength(6).IsFixedLength();

    private static void JsonList<T>(PropertyBuilder<IReadOnlyList<T>> property) =>
        property.HasConversion(new JsonListConverter<T>(), JsonListConverter<T>.Comparer).IsRequired();

    private static void Provenance<T>(EntityTypeBuilder<T> entity)
        where T : class
    {
        entity.ComplexProperty<Provenance>("Provenance", p =>
        {
            p.Property(x => x.Partner).HasColumnName("SourcePartner").HasMaxLength(50);
            p.Property(x => x.Exchange).HasColumnName("SourceExchange").HasMaxLength(100);
            p.Property(x => x.ReceivedAt).HasColumnName("ReceivedAt");
        });
    }
}
