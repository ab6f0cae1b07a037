import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AUTHENTICATOR, AuthGuard } from '../../common/auth/auth.guard';
import { RequestScopeInterceptor } from '../../common/auth/request-scope.interceptor';
import { OrganizationsModule } from '../organizations/organizations.module';
import { TokensModule } from '../tokens/tokens.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthenticatorService } from './authenticator.service';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginThrottleService } from './login-throttle.service';
import { SessionCookies } from './session-cookies';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { SetupController } from './setup.controller';
import { SetupService } from './setup.service';

/**
 * Sign-in, sessions, first-run setup — and the enforcement point: the global AuthGuard
 * (authentication, CSRF, roles) and the interceptor that makes the request scope current.
 */
@Module({
  imports: [UsersModule, TokensModule, OrganizationsModule],
  controllers: [AuthController, SetupController],
  providers: [
    SessionsRepository,
    SessionsService,
    LoginThrottleRepository,
    LoginThrottleService,
    AuthService,
    AuthenticatorService,
    SessionCookies,
    SetupService,
    { provide: AUTHENTICATOR, useExisting: AuthenticatorService },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: RequestScopeInterceptor },
  ],
  exports: [SessionsService, SessionCookies, AuthService, SetupService, LoginThrottleService],
})
export class AuthModule {}
