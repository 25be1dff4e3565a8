import type { SimResponse } from '../kit';
import { PROTOCOL_ERROR_CODES, errorReply, jsonReply } from './json-reply';
import type { SessionStore } from './session-store';

export interface LoginOptions {
  username: string;
  password: string;
  sessions: SessionStore;
}

/** `POST /login` `{"username","password"}` → `{"session","error_code":0}` or error_code 1. */
export function handleLogin(body: Record<string, unknown>, { username, password, sessions }: LoginOptions): SimResponse {
  if (body.username !== username || body.password !== password) {
    return errorReply(PROTOCOL_ERROR_CODES.credentials, 'Sai tên đăng nhập hoặc mật khẩu');
  }
  return jsonReply({ session: sessions.create(), error_code: PROTOCOL_ERROR_CODES.ok });
}
