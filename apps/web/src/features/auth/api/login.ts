import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginInput, LoginResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `POST /api/auth/login`: sets the session and CSRF cookies. */
export function login(body: LoginInput): Promise<LoginResponse> {
  return http<LoginResponse>('/auth/login', { method: 'POST', body });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: () => {
      // Another person may have been signed in before: nothing cached survives a sign-in.
      queryClient.clear();
    },
  });
}
