import { createSession } from '../create-session';

describe('a login session', () => {
  it('logs in once for callers that arrive together, again after a failed login, and again after the current session expired', async () => {
    const answers: Array<() => Promise<string>> = [async () => 's1', async () => Promise.reject(new Error('refused')), async () => 's2'];
    let logins = 0;
    const session = createSession(() => answers[logins++]!());
    expect(await Promise.all([session.current(), session.current()])).toEqual(['s1', 's1']);
    await session.expired('s1');
    await expect(session.current()).rejects.toThrow('refused');
    expect(await session.current()).toBe('s2');
    expect(logins).toBe(3);
  });

  it('keeps the current session when a call reports an older one expired', async () => {
    let logins = 0;
    const session = createSession(async () => `s${++logins}`);
    expect(await session.current()).toBe('s1');
    await session.expired('s1');
    expect(await session.current()).toBe('s2');
    await session.expired('s1');
    expect(await session.current()).toBe('s2');
    expect(logins).toBe(2);
  });
});
