import { createStore, type StoreOptions } from '../index';

describe('createStore options', () => {
  it.each<[string, StoreOptions, RegExp]>([
    ['a URI that is not MongoDB', { mongodbUri: 'postgres://db/lienthong' }, /mongodbUri[\s\S]*mongodb:\/\/ or mongodb\+srv:\/\//],
    ['an empty URI', { mongodbUri: '' }, /mongodbUri/],
    ['a path as sqliteFile', { sqliteFile: '../elsewhere.db' }, /sqliteFile[\s\S]*must be a file name/],
    ['a retention of zero days', { auditRetentionDays: 0 }, /auditRetentionDays/],
    ['an option that does not exist', { dataDirectory: '/tmp' } as StoreOptions, /dataDirectory/],
    ['a logger that is not one', { logger: {} as StoreOptions['logger'] }, /logger[\s\S]*pino/],
  ])('stops with CONFIG_INVALID on %s, naming the option', async (_name, options, message) => {
    await expect(createStore(options)).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(message) });
  });

  it('never shows the MongoDB password in its message', async () => {
    await expect(createStore({ mongodbUri: 'mongodb://gw:hunter2@db/x', auditRetentionDays: -1 })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.not.stringContaining('hunter2'),
    });
  });
});
