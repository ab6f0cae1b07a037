/**
 * What a program that embeds spfwatch drives (the demo, `apps/demo`): start it on a clock of its
 * own, and run the scheduler's ticks and the weekly-report pass the way their crons do.
 */
export { bootstrap, type BootstrapOptions, type RunningApp } from './main';
export type { Clock } from './common/clock';
export { SchedulerRegistry } from '@nestjs/schedule';
export { SchedulerService } from './modules/scheduler/scheduler.service';
export { tickIdOf } from './modules/scheduler/tick';
export { ReportScheduleService } from './modules/reports/report-schedule.service';
export { DEFAULT_REPORT_CRON, nextSlots } from './modules/reports/cron-slots';
