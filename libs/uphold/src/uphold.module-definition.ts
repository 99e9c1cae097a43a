import { ConfigurableModuleBuilder } from '@nestjs/common';
import { UpholdModuleOptions } from './uphold.options';

export const {
  ConfigurableModuleClass: UpholdConfigurableModule,
  MODULE_OPTIONS_TOKEN: UPHOLD_OPTIONS,
} = new ConfigurableModuleBuilder<UpholdModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
