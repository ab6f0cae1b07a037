-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "spf_status" AS ENUM ('ok', 'warning', 'broken', 'unknown');

-- CreateEnum
CREATE TYPE "check_outcome" AS ENUM ('unchanged', 'changed', 'error');

-- CreateEnum
CREATE TYPE "alert_type" AS ENUM ('record_missing', 'permerror', 'temperror', 'lookup_warning', 'lookup_limit', 'lookup_increased', 'void_lookups', 'service_removed', 'all_loosened', 'all_tightened', 'multiple_records', 'record_changed');

-- CreateEnum
CREATE TYPE "alert_severity" AS ENUM ('info', 'warning', 'critical');

-- CreateEnum
CREATE TYPE "alert_state" AS ENUM ('open', 'acknowledged', 'resolved');

-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clients" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "domains" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "check_interval_minutes" INTEGER NOT NULL DEFAULT 60,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "status" "spf_status" NOT NULL DEFAULT 'unknown',
    "lookup_count" INTEGER,
    "latest_snapshot_id" UUID,
    "last_checked_at" TIMESTAMPTZ(3),
    "next_check_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_changed_at" TIMESTAMPTZ(3),
    "consecutive_temp_errors" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "domains_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshots" (
    "id" UUID NOT NULL,
    "domain_id" UUID NOT NULL,
    "analysis" JSONB NOT NULL,
    "record_text" TEXT,
    "content_hash" TEXT NOT NULL,
    "lookup_count" INTEGER NOT NULL,
    "void_lookups" INTEGER NOT NULL,
    "status" "spf_status" NOT NULL,
    "services" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "networks" JSONB NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "check_runs" (
    "id" UUID NOT NULL,
    "domain_id" UUID NOT NULL,
    "snapshot_id" UUID,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "outcome" "check_outcome" NOT NULL,
    "dns_error_kind" TEXT,
    "tick" TEXT,

    CONSTRAINT "check_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "domain_id" UUID NOT NULL,
    "type" "alert_type" NOT NULL,
    "severity" "alert_severity" NOT NULL,
    "state" "alert_state" NOT NULL DEFAULT 'open',
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "title" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "from_snapshot_id" UUID,
    "to_snapshot_id" UUID,
    "dedupe_key" TEXT NOT NULL,
    "provider_event_id" UUID,
    "open_key" TEXT,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_policies" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "client_id" UUID,
    "domain_id" UUID,
    "scope_key" TEXT NOT NULL,
    "lookup_warn" INTEGER NOT NULL DEFAULT 8,
    "lookup_limit" INTEGER NOT NULL DEFAULT 10,
    "temp_error_checks" INTEGER NOT NULL DEFAULT 3,
    "void_limit" INTEGER NOT NULL DEFAULT 2,
    "overrides" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provider_events" (
    "id" UUID NOT NULL,
    "include_domain" TEXT NOT NULL,
    "service" TEXT,
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "diff" JSONB NOT NULL,
    "before_hash" TEXT,
    "after_hash" TEXT,
    "affected_domain_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "provider_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provider_event_domains" (
    "provider_event_id" UUID NOT NULL,
    "domain_id" UUID NOT NULL,

    CONSTRAINT "provider_event_domains_pkey" PRIMARY KEY ("provider_event_id","domain_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "clients_organization_id_name_key" ON "clients"("organization_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "clients_id_organization_id_key" ON "clients"("id", "organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "domains_latest_snapshot_id_key" ON "domains"("latest_snapshot_id");

-- CreateIndex
CREATE INDEX "domains_client_id_idx" ON "domains"("client_id");

-- CreateIndex
CREATE INDEX "domains_organization_id_status_idx" ON "domains"("organization_id", "status");

-- CreateIndex
CREATE INDEX "domains_organization_id_lookup_count_idx" ON "domains"("organization_id", "lookup_count");

-- CreateIndex
CREATE INDEX "domains_organization_id_last_changed_at_idx" ON "domains"("organization_id", "last_changed_at");

-- CreateIndex
CREATE INDEX "domains_due_idx" ON "domains"("next_check_at") WHERE (NOT paused);

-- CreateIndex
CREATE INDEX "domains_tags_idx" ON "domains" USING GIN ("tags");

-- CreateIndex
CREATE UNIQUE INDEX "domains_organization_id_name_key" ON "domains"("organization_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "domains_id_organization_id_key" ON "domains"("id", "organization_id");

-- CreateIndex
CREATE INDEX "snapshots_domain_id_first_seen_at_idx" ON "snapshots"("domain_id", "first_seen_at" DESC);

-- CreateIndex
CREATE INDEX "check_runs_domain_id_started_at_idx" ON "check_runs"("domain_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "check_runs_started_at_idx" ON "check_runs"("started_at");

-- CreateIndex
CREATE INDEX "check_runs_snapshot_id_idx" ON "check_runs"("snapshot_id");

-- CreateIndex
CREATE UNIQUE INDEX "check_runs_domain_id_tick_key" ON "check_runs"("domain_id", "tick");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_open_key_key" ON "alerts"("open_key");

-- CreateIndex
CREATE INDEX "alerts_organization_id_state_opened_at_idx" ON "alerts"("organization_id", "state", "opened_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_domain_id_opened_at_idx" ON "alerts"("domain_id", "opened_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_from_snapshot_id_idx" ON "alerts"("from_snapshot_id");

-- CreateIndex
CREATE INDEX "alerts_to_snapshot_id_idx" ON "alerts"("to_snapshot_id");

-- CreateIndex
CREATE INDEX "alerts_provider_event_id_idx" ON "alerts"("provider_event_id");

-- CreateIndex
CREATE INDEX "alert_policies_client_id_idx" ON "alert_policies"("client_id");

-- CreateIndex
CREATE INDEX "alert_policies_domain_id_idx" ON "alert_policies"("domain_id");

-- CreateIndex
CREATE UNIQUE INDEX "alert_policies_organization_id_scope_key_key" ON "alert_policies"("organization_id", "scope_key");

-- CreateIndex
CREATE INDEX "provider_events_include_domain_detected_at_idx" ON "provider_events"("include_domain", "detected_at" DESC);

-- CreateIndex
CREATE INDEX "provider_events_detected_at_idx" ON "provider_events"("detected_at" DESC);

-- CreateIndex
CREATE INDEX "provider_event_domains_domain_id_idx" ON "provider_event_domains"("domain_id");

-- AddForeignKey
ALTER TABLE "clients" ADD CONSTRAINT "clients_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "domains" ADD CONSTRAINT "domains_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "domains" ADD CONSTRAINT "domains_client_id_organization_id_fkey" FOREIGN KEY ("client_id", "organization_id") REFERENCES "clients"("id", "organization_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "domains" ADD CONSTRAINT "domains_latest_snapshot_id_fkey" FOREIGN KEY ("latest_snapshot_id") REFERENCES "snapshots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshots" ADD CONSTRAINT "snapshots_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "domains"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_runs" ADD CONSTRAINT "check_runs_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "domains"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_runs" ADD CONSTRAINT "check_runs_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_domain_id_organization_id_fkey" FOREIGN KEY ("domain_id", "organization_id") REFERENCES "domains"("id", "organization_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_from_snapshot_id_fkey" FOREIGN KEY ("from_snapshot_id") REFERENCES "snapshots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_to_snapshot_id_fkey" FOREIGN KEY ("to_snapshot_id") REFERENCES "snapshots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_provider_event_id_fkey" FOREIGN KEY ("provider_event_id") REFERENCES "provider_events"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_policies" ADD CONSTRAINT "alert_policies_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_policies" ADD CONSTRAINT "alert_policies_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_policies" ADD CONSTRAINT "alert_policies_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "domains"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provider_event_domains" ADD CONSTRAINT "provider_event_domains_provider_event_id_fkey" FOREIGN KEY ("provider_event_id") REFERENCES "provider_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provider_event_domains" ADD CONSTRAINT "provider_event_domains_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "domains"("id") ON DELETE CASCADE ON UPDATE CASCADE;
