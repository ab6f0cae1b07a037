import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { runInScope, type ScopedRequest } from './request-scope';

/**
 * Global interceptor: runs the handler (pipes included) and everything it awaits with the
 * scope the auth guard built as the current AsyncLocalStorage store, so repositories, the
 * Prisma scoping and the audit log see who acts without passing it around.
 */
@Injectable()
export class RequestScopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const scope = context.switchToHttp().getRequest<ScopedRequest>().scope;
    if (!scope) return next.handle();
    return new Observable((subscriber) => {
      const subscription = runInScope(scope, () => next.handle().subscribe(subscriber));
      return () => subscription.unsubscribe();
    });
  }
}
