-- CreateEnum
CREATE TYPE "channel_kind" AS ENUM ('email', 'webhook', 'slack');

-- CreateEnum
CREATE TYPE "notification_kind" AS ENUM ('alerts', 'report', 'test');

-- CreateEnum
CREATE TYPE "notification_status" AS ENUM ('pending', 'sending', 'delivered', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "notification_attempt_status" AS ENUM ('sending', 'delivered', 'failed', 'abandoned');

-- CreateEnum
CREATE TYPE "report_kind" AS ENUM ('weekly', 'on_demand');

-- CreateTable
CREATE TABLE "notification_channels" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "client_id" UUID,
    "domain_id" UUID,
    "kind" "channel_kind" NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "secret" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "min_severity" "alert_severity" NOT NULL DEFAULT 'warning',
    "events" TEXT[] DEFAULT ARRAY['alerts']::TEXT[],
    "quiet_hours" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_outbox" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "digest_key" TEXT NOT NULL,
    "alert_ids" UUID[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notification_id" UUID,

    CONSTRAINT "notification_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "kind" "notification_kind" NOT NULL,
    "digest_key" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "alert_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "report_id" UUID,
    "status" "notification_status" NOT NULL DEFAULT 'pending',
    "attempt_count" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_attempts" (
    "id" UUID NOT NULL,
    "notification_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "notification_attempt_status" NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "response_code" INTEGER,
    "response" TEXT,
    "error" TEXT,
    "worker" TEXT,

    CONSTRAINT "notification_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reports" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "kind" "report_kind" NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "period_end" TIMESTAMPTZ(3) NOT NULL,
    "generated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "schedule_key" TEXT,
    "data" JSONB NOT NULL,
    "pdf" BYTEA NOT NULL,
    "csv" TEXT NOT NULL,

    CONSTRAINT "reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_schedules" (
    "organization_id" UUID NOT NULL,
    "cron" TEXT NOT NULL DEFAULT '0 8 * * 1',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "last_slot_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "report_schedules_pkey" PRIMARY KEY ("organization_id")
);

-- CreateIndex
CREATE INDEX "notification_channels_organization_id_created_at_idx" ON "notification_channels"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "notification_channels_client_id_idx" ON "notification_channels"("client_id");

-- CreateIndex
CREATE INDEX "notification_channels_domain_id_idx" ON "notification_channels"("domain_id");

-- CreateIndex
CREATE INDEX "notification_outbox_unassembled_idx" ON "notification_outbox"("channel_id", "digest_key") WHERE (notification_id IS NULL);

-- CreateIndex
CREATE INDEX "notification_outbox_notification_id_idx" ON "notification_outbox"("notification_id");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_message_id_key" ON "notifications"("message_id");

-- CreateIndex
CREATE INDEX "notifications_due_idx" ON "notifications"("next_attempt_at") WHERE (status IN ('pending', 'sending'));

-- CreateIndex
CREATE INDEX "notifications_organization_id_status_created_at_idx" ON "notifications"("organization_id", "status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "notifications_channel_id_created_at_idx" ON "notifications"("channel_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "notifications_report_id_idx" ON "notifications"("report_id");

-- CreateIndex
CREATE UNIQUE INDEX "notification_attempts_notification_id_number_key" ON "notification_attempts"("notification_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "reports_schedule_key_key" ON "reports"("schedule_key");

-- CreateIndex
CREATE INDEX "reports_client_id_period_end_idx" ON "reports"("client_id", "period_end" DESC);

-- CreateIndex
CREATE INDEX "reports_organization_id_generated_at_idx" ON "reports"("organization_id", "generated_at" DESC);

-- AddForeignKey
ALTER TABLE "notification_channels" ADD CONSTRAINT "notification_channels_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_channels" ADD CONSTRAINT "notification_channels_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_channels" ADD CONSTRAINT "notification_channels_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "domains"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "notification_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "notification_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_attempts" ADD CONSTRAINT "notification_attempts_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reports" ADD CONSTRAINT "reports_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reports" ADD CONSTRAINT "reports_client_id_organization_id_fkey" FOREIGN KEY ("client_id", "organization_id") REFERENCES "clients"("id", "organization_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_schedules" ADD CONSTRAINT "report_schedules_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
