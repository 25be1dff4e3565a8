import { redactMongodbUri } from '../redact-mongodb-uri';

describe('redactMongodbUri', () => {
  it.each([
    ['mongodb://gw:s3cr%40t@db:27017/lienthong', 'mongodb://gw:***@db:27017/lienthong'],
    ['mongodb+srv://gw:p:w@cluster0.example.vn/lienthong?retryWrites=true', 'mongodb+srv://gw:***@cluster0.example.vn/lienthong?retryWrites=true'],
    ['mongodb://gw:pw@a:27017,b:27017,c:27017/lienthong?replicaSet=rs0', 'mongodb://gw:***@a:27017,b:27017,c:27017/lienthong?replicaSet=rs0'],
    ['mongodb://db:27017/lienthong', 'mongodb://db:27017/lienthong'],
    ['mongodb://gw@db/lienthong', 'mongodb://gw@db/lienthong'],
  ])('turns %s into %s', (uri, expected) => {
    expect(redactMongodbUri(uri)).toBe(expected);
  });
});
