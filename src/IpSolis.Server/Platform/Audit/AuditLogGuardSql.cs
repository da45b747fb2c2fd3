namespace IpSolis.Server.Platform.Audit;

/// <summary>
/// PostgreSQL objects that keep the audit log append-only. Nothing here is expressible in the EF model, so
/// <see cref="AuditGuardingMigrationsSqlGenerator"/> emits it right after the tables are created; every migration
/// regenerated from the model therefore still installs it. The guard is against mistakes and casual edits, not
/// against a database superuser (who can drop triggers): the hash chain and <c>ipsolis audit verify</c> catch those.
/// </summary>
internal static class AuditLogGuardSql
{
    /// <summary>The transaction-local setting the retention function turns on; every other change is refused.</summary>
    public const string RetentionFlag = "ipsolis.audit_retention";

    public const string RetainFunction = "ipsolis_audit_retain";

    // Shared by both tables' statement triggers; whichever table is created first defines it.
    private static readonly string RefuseOutsideRetention = $"""
        CREATE OR REPLACE FUNCTION ipsolis_audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $guard$
        BEGIN
            IF coalesce(current_setting('{RetentionFlag}', true), '') <> 'on' THEN
                RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege',
                          HINT = 'Only the audit retention procedure ({RetainFunction}) removes audit rows.';
            END IF;
            RETURN NULL;
        END
        $guard$;
        """;

    public static readonly string AuditLog = RefuseOutsideRetention + $"""

        CREATE TRIGGER audit_log_append_only
            BEFORE UPDATE OR DELETE OR TRUNCATE ON {AuditEntryConfiguration.Table}
            FOR EACH STATEMENT EXECUTE FUNCTION ipsolis_audit_log_guard();
        """;

    public static readonly string ChainHead = RefuseOutsideRetention + $"""

        CREATE OR REPLACE FUNCTION ipsolis_audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $guard$
        BEGIN
            IF coalesce(current_setting('{RetentionFlag}', true), '') = 'on' THEN
                IF TG_OP = 'DELETE' THEN
                    RETURN OLD;
                END IF;
                RETURN NEW;
            END IF;
            IF TG_OP = 'UPDATE' AND NEW.last_sequence >= OLD.last_sequence
               AND NEW.anchor_sequence = OLD.anchor_sequence AND NEW.anchor_hash = OLD.anchor_hash THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'audit_chain_head only moves forward: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $guard$;

        CREATE TRIGGER audit_chain_head_forward_only
            BEFORE UPDATE OR DELETE ON {AuditChainHeadConfiguration.Table}
            FOR EACH ROW EXECUTE FUNCTION ipsolis_audit_chain_head_guard();

        CREATE TRIGGER audit_chain_head_no_truncate
            BEFORE TRUNCATE ON {AuditChainHeadConfiguration.Table}
            FOR EACH STATEMENT EXECUTE FUNCTION ipsolis_audit_log_guard();

        -- Removes every audit row up to and including through_sequence and re-anchors the chain on the last removed
        -- row, so the rows that remain still verify. SECURITY DEFINER: an application role may be allowed to run
        -- retention without being allowed to delete from audit_log itself.
        CREATE OR REPLACE FUNCTION {RetainFunction}(through_sequence bigint) RETURNS bigint
            LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $retain$
        DECLARE
            anchor text;
            removed bigint;
        BEGIN
            PERFORM 1 FROM {AuditChainHeadConfiguration.Table} WHERE id = {AuditChainHead.SingletonId} FOR UPDATE;
            SELECT hash INTO anchor FROM {AuditEntryConfiguration.Table} WHERE sequence = through_sequence;
            IF anchor IS NULL THEN
                RAISE EXCEPTION 'no audit row has sequence %', through_sequence;
            END IF;
            PERFORM set_config('{RetentionFlag}', 'on', true);
            DELETE FROM {AuditEntryConfiguration.Table} WHERE sequence <= through_sequence;
            GET DIAGNOSTICS removed = ROW_COUNT;
            UPDATE {AuditChainHeadConfiguration.Table}
               SET anchor_sequence = through_sequence, anchor_hash = anchor
             WHERE id = {AuditChainHead.SingletonId};
            PERFORM set_config('{RetentionFlag}', 'off', true);
            RETURN removed;
        END
        $retain$;
        """;
}
