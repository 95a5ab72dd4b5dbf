// The client-secret rotation function's four steps against in-memory Cognito and Secrets Manager
// clients that keep the services' documented rules: at most two secrets per app client, the last
// one cannot be deleted (AddUserPoolClientSecret / DeleteUserPoolClientSecret), and Secrets
// Manager's AWSCURRENT / AWSPENDING staging labels.
import { rotate, RotationDeps, RotationEvent } from '../src/private/secret-rotation.lambda';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:reporting-AbCdEf';

/** Cognito's client secrets of one client, as the service keeps them. */
class FakeCognito {
  public secrets: { id: string; value: string; created: number }[] = [{ id: 'generated', value: 'from-create', created: 0 }];
  private next = 1;
  public async send(command: any): Promise<any> {
    const name = command.constructor.name;
    const input = command.input;
    if (input.ClientId !== 'client-1' || input.UserPoolId !== 'pool-1') throw new Error('wrong client');
    switch (name) {
      case 'ListUserPoolClientSecretsCommand':
        return { ClientSecrets: this.secrets.map((s) => ({ ClientSecretId: s.id, ClientSecretCreateDate: new Date(s.created * 1000) })) };
      case 'AddUserPoolClientSecretCommand': {
        if (this.secrets.length >= 2) throw Object.assign(new Error('two secrets already'), { name: 'LimitExceededException' });
        const secret = { id: `s${this.next}`, value: `value-${this.next}`, created: this.next };
        this.next++;
        this.secrets.push(secret);
        return { ClientSecretDescriptor: { ClientSecretId: secret.id, ClientSecretValue: secret.value } };
      }
      case 'DeleteUserPoolClientSecretCommand':
        if (this.secrets.length === 1) throw Object.assign(new Error('last secret'), { name: 'InvalidParameterException' });
        this.secrets = this.secrets.filter((s) => s.id !== input.ClientSecretId);
        return {};
      default: throw new Error(`unexpected ${name}`);
    }
  }
}

/** One secret's versions and staging labels, as Secrets Manager keeps them. */
class FakeSecrets {
  public versions: Record<string, { value: string; stages: string[] }> = { v0: { value: '{"clientId":"client-1","pending":"x"}', stages: ['AWSCURRENT'] } };
  public async send(command: any): Promise<any> {
    const name = command.constructor.name;
    const input = command.input;
    if (input.SecretId !== ARN) throw new Error('wrong secret');
    switch (name) {
      case 'DescribeSecretCommand':
        return { RotationEnabled: true, VersionIdsToStages: Object.fromEntries(Object.entries(this.versions).map(([v, x]) => [v, x.stages])) };
      case 'GetSecretValueCommand': {
        const id = input.VersionId ?? Object.keys(this.versions).find((v) => this.versions[v].stages.includes(input.VersionStage));
        const version = id === undefined ? undefined : this.versions[id];
        if (!version || (input.VersionStage && !version.stages.includes(input.VersionStage)) || (input.VersionStage === 'AWSPENDING' && version.value === '')) {
          throw Object.assign(new Error('no such version'), { name: 'ResourceNotFoundException' });
        }
        return { SecretString: version.value };
      }
      case 'PutSecretValueCommand':
        this.versions[input.ClientRequestToken] = { value: input.SecretString, stages: input.VersionStages };
        return {};
      case 'UpdateSecretVersionStageCommand':
        this.versions[input.RemoveFromVersionId].stages = this.versions[input.RemoveFromVersionId].stages.filter((s) => s !== input.VersionStage);
        this.versions[input.MoveToVersionId].stages = [...this.versions[input.MoveToVersionId].stages.filter((s) => s !== 'AWSPENDING'), input.VersionStage];
        return {};
      default: throw new Error(`unexpected ${name}`);
    }
  }

  /** What Secrets Manager does before calling createSecret: a new version labelled AWSPENDING. */
  public begin(token: string): void {
    this.versions[token] = { value: '', stages: ['AWSPENDING'] };
  }

  public current(): any {
    return JSON.parse(Object.values(this.versions).find((v) => v.stages.includes('AWSCURRENT'))!.value);
  }
}

function world() {
  const cognito = new FakeCognito();
  const secrets = new FakeSecrets();
  const deps: RotationDeps = { cognito, secrets, userPoolId: 'pool-1', clientId: 'client-1', secretArn: ARN };
  const rotation = async (token: string) => {
    secrets.begin(token);
    for (const Step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) {
      await rotate({ SecretId: ARN, ClientRequestToken: token, Step }, deps);
    }
  };
  return { cognito, secrets, deps, rotation };
}

describe('client-secret rotation function', () => {
  test('the first rotation stores a new secret and deletes the one Cognito generated with the client', async () => {
    const { cognito, secrets, rotation } = world();
    await rotation('t1');
    expect(secrets.current()).toEqual({ clientId: 'client-1', clientSecret: 'value-1', clientSecretId: 's1' });
    expect(cognito.secrets.map((s) => s.id)).toEqual(['s1']);
  });

  test('a later rotation keeps the previous secret working beside the new one (the overlap)', async () => {
    const { cognito, secrets, rotation } = world();
    await rotation('t1');
    await rotation('t2');
    expect(secrets.current().clientSecretId).toBe('s2');
    expect(cognito.secrets.map((s) => s.id)).toEqual(['s1', 's2']);
  });

  test('the next rotation deletes the secret before the previous one: the old one is refused afterwards', async () => {
    const { cognito, secrets, rotation } = world();
    await rotation('t1');
    await rotation('t2');
    await rotation('t3');
    expect(secrets.current().clientSecretId).toBe('s3');
    expect(cognito.secrets.map((s) => s.id)).toEqual(['s2', 's3']);
  });

  test('createSecret is idempotent for one token (Secrets Manager retries a step)', async () => {
    const { cognito, secrets, deps } = world();
    secrets.begin('t1');
    await rotate({ SecretId: ARN, ClientRequestToken: 't1', Step: 'createSecret' }, deps);
    await rotate({ SecretId: ARN, ClientRequestToken: 't1', Step: 'createSecret' }, deps);
    expect(cognito.secrets.map((s) => s.id)).toEqual(['s1']);
  });

  test('a leftover secret of a failed rotation is cleared before the next one is added', async () => {
    const { cognito, secrets, rotation } = world();
    await rotation('t1');
    cognito.secrets.push({ id: 'orphan', value: 'lost', created: 99 });
    await rotation('t2');
    expect(cognito.secrets.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(secrets.current().clientSecretId).toBe('s2');
  });

  test('refuses another secret than its own', async () => {
    const { deps } = world();
    const event: RotationEvent = { SecretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:other', ClientRequestToken: 't', Step: 'createSecret' };
    await expect(rotate(event, deps)).rejects.toThrow(`this function rotates ${ARN} only, not arn:aws:secretsmanager:us-east-1:123456789012:secret:other`);
  });

  test('testSecret fails when Cognito does not list the pending secret', async () => {
    const { cognito, secrets, deps } = world();
    secrets.begin('t1');
    await rotate({ SecretId: ARN, ClientRequestToken: 't1', Step: 'createSecret' }, deps);
    cognito.secrets = cognito.secrets.filter((s) => s.id !== 's1').concat([{ id: 'x', value: 'y', created: 5 }]);
    await expect(rotate({ SecretId: ARN, ClientRequestToken: 't1', Step: 'testSecret' }, deps))
      .rejects.toThrow('testSecret: Cognito does not list the pending secret s1 for client client-1');
  });

  test('no secret value appears in what the function throws or logs', async () => {
    const { cognito, secrets, deps } = world();
    const logs: string[] = [];
    const spies = (['log', 'info', 'warn', 'error'] as const).map((m) => jest.spyOn(console, m).mockImplementation((...a) => { logs.push(a.join(' ')); }));
    secrets.begin('t1');
    await rotate({ SecretId: ARN, ClientRequestToken: 't1', Step: 'createSecret' }, deps);
    cognito.secrets = [{ id: 'x', value: 'y', created: 5 }];
    const error = await rotate({ SecretId: ARN, ClientRequestToken: 't1', Step: 'testSecret' }, deps).catch((e: Error) => e);
    spies.forEach((s) => s.mockRestore());
    expect(logs).toEqual([]);
    expect(String(error)).not.toContain('value-1');
  });
});
