import { canonicalPathProblem } from '../canonical-path';

describe('canonicalPathProblem', () => {
  it.each([
    '/',
    '/graphql',
    '/graphql?query=%7B%20sectors%20%7D',
    '/graphql?',
    '/documents/qlvb-g22%3A0f3c/attachments/cid%3A209',
    '/documents/qlvb-g22:0f3c/attachments/cid:209',
    '/documents/a.b/attachments/x@y.gov.vn',
    "/documents/a!$&'()*+,=/attachments/x",
    '/documents/%E1%BB%87/attachments/x',
    '/graphql.',
  ])('accepts %s', (target) => {
    expect(canonicalPathProblem(target)).toBeNull();
  });

  it.each([
    ['/%67raphql', 'encodes "g" as %67'],
    ['/gr%61phql', 'encodes "a" as %61'],
    ['/graphql%2e', 'encodes "." as %2e'],
    ['/graphql%2D', 'encodes "-" as %2D'],
    ['/graphql%7e', 'encodes "~" as %7e'],
    ['/graphql%5F', 'encodes "_" as %5F'],
    ['/%2567raphql', 'encodes "%"'],
    ['/graphql%2F', 'encodes "/"'],
    ['/%5Cgraphql', 'encodes "\\\\"'],
    ['/graphql%00', 'encodes "\\u0000"'],
    ['/graphql%0A', 'encodes "\\n"'],
    ['/graphql%C2%85', 'encodes "\u0085"'],
    ['/%C0%AFgraphql', 'not UTF-8'],
    ['/%E0%80%AF', 'not UTF-8'],
    ['/%ED%A0%80', 'not UTF-8'],
    ['/%E1%BB', 'not UTF-8'],
    ['/graphql%zz', 'does not start a percent-encoding'],
    ['/graphql%', 'does not start a percent-encoding'],
    ['//graphql', 'empty segment'],
    ['/graphql/', 'empty segment'],
    ['/./graphql', 'dot segment'],
    ['/x/../graphql', 'dot segment'],
    ['/%2e%2e/graphql', 'encodes "." as %2e'],
    ['/graphql;x', 'holds ";" unencoded'],
    ['/graphql\\', 'holds "\\\\" unencoded'],
    ['/graphql#x', 'holds "#" unencoded'],
    ['/graphql x', 'holds " " unencoded'],
    ['/gráphql', 'holds "á" unencoded'],
    ['http://127.0.0.1/graphql', 'must be a path starting with "/"'],
    ['*', 'must be a path starting with "/"'],
    ['', 'must be a path starting with "/"'],
  ])('refuses %s: %s', (target, problem) => {
    expect(canonicalPathProblem(target)).toContain(problem);
  });
});
