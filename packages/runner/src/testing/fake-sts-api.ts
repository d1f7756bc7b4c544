import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeStsApi {
  endpoint: string;
  /** The form parameters of each request, in order. */
  requests: Record<string, string>[];
  close(): Promise<void>;
}

export interface FakeStsOptions {
  account?: string;
  /** Roles the caller may assume (by name); others are denied as IAM would. */
  assumable?: readonly string[];
}

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * A loopback server that speaks STS's query protocol (form-encoded POST, XML answers)
 * for GetCallerIdentity and AssumeRole, so tests drive the real SDK client: signing,
 * serialization and error parsing included.
 */
export async function startFakeStsApi(options: FakeStsOptions = {}): Promise<FakeStsApi> {
  const account = options.account ?? '123456789012';
  const caller = `arn:aws:iam::${account}:user/developer`;
  const requests: Record<string, string>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      requests.push(form);
      const reply = (status: number, xml: string) => {
        res.writeHead(status, { 'content-type': 'text/xml' });
        res.end(xml);
      };
      if (form.Action === 'GetCallerIdentity') {
        return reply(
          200,
          `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>${caller}</Arn><UserId>AIDAFAKE</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
      }
      if (form.Action === 'AssumeRole') {
        const role = (form.RoleArn ?? '').split(':role/')[1] ?? '';
        if (!(options.assumable ?? []).includes(role)) {
          return reply(
            403,
            `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${form.RoleArn}</Message></Error><RequestId>r-2</RequestId></ErrorResponse>`,
          );
        }
        const expiration = new Date(Date.now() + Number(form.DurationSeconds ?? 3600) * 1000).toISOString();
        return reply(
          200,
          `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult><Credentials><AccessKeyId>ASIAJOBROLE${role.length}</AccessKeyId><SecretAccessKey>job-secret-of-${role}</SecretAccessKey><SessionToken>job-session-of-${role}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAFAKE:${form.RoleSessionName}</AssumedRoleId><Arn>arn:aws:sts::${account}:assumed-role/${role}/${form.RoleSessionName}</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r-3</RequestId></ResponseMetadata></AssumeRoleResponse>`,
        );
      }
      reply(400, `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>the fake does not know ${form.Action}</Message></Error><RequestId>r-0</RequestId></ErrorResponse>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
