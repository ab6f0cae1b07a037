import { Global, Module } from '@nestjs/common';
import { DnsService } from './dns.service';

@Global()
@Module({ providers: [DnsService], exports: [DnsService] })
export class DnsModule {}
