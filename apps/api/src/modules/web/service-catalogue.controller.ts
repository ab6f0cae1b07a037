import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientScoped } from '../../common/auth/decorators';
import { CatalogueServiceListDto } from './dto/catalogue-service.dto';
import { ServiceCatalogueService } from './service-catalogue.service';

@ApiTags('tools')
@Controller('tools/services')
export class ServiceCatalogueController {
  constructor(private readonly catalogue: ServiceCatalogueService) {}

  @Get()
  @ClientScoped()
  @ApiOperation({ summary: 'Sending services the engine recognises, with the include to publish for each' })
  @ApiOkResponse({ type: CatalogueServiceListDto })
  list(): CatalogueServiceListDto {
    return this.catalogue.list();
  }
}
