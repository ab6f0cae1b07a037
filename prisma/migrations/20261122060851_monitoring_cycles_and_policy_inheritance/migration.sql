-- AlterTable
ALTER TABLE "alert_policies" ALTER COLUMN "lookup_warn" DROP NOT NULL,
ALTER COLUMN "lookup_warn" DROP DEFAULT,
ALTER COLUMN "lookup_limit" DROP NOT NULL,
ALTER COLUMN "lookup_limit" DROP DEFAULT,
ALTER COLUMN "temp_error_checks" DROP NOT NULL,
ALTER COLUMN "temp_error_checks" DROP DEFAULT,
ALTER COLUMN "void_limit" DROP NOT NULL,
ALTER COLUMN "void_limit" DROP DEFAULT;

-- CreateTable
CREATE TABLE "check_cycles" (
    "tick" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enqueued" INTEGER NOT NULL DEFAULT 0,
    "enqueued_at" TIMESTAMPTZ(3),

    CONSTRAINT "check_cycles_pkey" PRIMARY KEY ("tick")
);

-- CreateIndex
CREATE INDEX "check_cycles_started_at_idx" ON "check_cycles"("started_at" DESC);
