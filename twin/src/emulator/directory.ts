// The administrator's JSON actions on users, groups, the pool and its clients: what the AWS CLI
// and the SDKs call to provision and inspect a pool
// (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/).
import { attributeList, attributeMap, requireClient } from './request-parts';
import { generatePassword } from './rules';
import { CognitoError, PoolUser, UserPool } from './userpool';

type Json = any;

export function directoryAction(pool: UserPool, target: string, b: Json): Json {
  switch (target) {
    case 'AdminCreateUser': {
      const temporary = typeof b.TemporaryPassword === 'string' ? pool.checkPassword(b.TemporaryPassword)
        : generatePassword(pool.properties.Policies?.PasswordPolicy?.MinimumLength ?? 8);
      const user = pool.createUser(String(b.Username ?? ''), temporary, attributeMap(b.UserAttributes), 'FORCE_CHANGE_PASSWORD');
      pool.setTemporaryPassword(user, temporary);
      return { User: userType(user) };
    }
    case 'AdminSetUserPassword': {
      const user = pool.requireUser(b.Username);
      const password = pool.checkPassword(b.Password);
      if (b.Permanent === true) {
        user.password = password;
        user.status = 'CONFIRMED';
        user.modified = pool.now();
      } else {
        pool.setTemporaryPassword(user, password);
      }
      return {};
    }
    case 'AdminConfirmSignUp': {
      const user = pool.requireUser(b.Username);
      if (user.status !== 'UNCONFIRMED') throw new CognitoError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
      user.status = 'CONFIRMED';
      return {};
    }
    case 'AdminGetUser': {
      const user = pool.requireUser(b.Username);
      const { Attributes, ...rest } = userType(user);
      return { ...rest, UserAttributes: Attributes };
    }
    case 'AdminUpdateUserAttributes': {
      const user = pool.requireUser(b.Username);
      Object.assign(user.attributes, attributeMap(b.UserAttributes));
      user.modified = pool.now();
      return {};
    }
    case 'ListUsers': return { Users: listUsers(pool, b) };
    case 'CreateGroup': {
      const name = String(b.GroupName ?? '');
      if (pool.groups.has(name)) throw new CognitoError('GroupExistsException', 'A group with the name already exists.');
      pool.groups.add(name);
      return { Group: groupType(pool, name) };
    }
    case 'GetGroup': return { Group: groupType(pool, requireGroup(pool, b.GroupName)) };
    case 'DeleteGroup': {
      const name = requireGroup(pool, b.GroupName);
      pool.groups.delete(name);
      for (const u of pool.users.values()) u.groups.delete(name);
      return {};
    }
    case 'ListGroups': return { Groups: [...pool.groups].map((g) => groupType(pool, g)) };
    case 'AdminAddUserToGroup': pool.requireUser(b.Username).groups.add(requireGroup(pool, b.GroupName)); return {};
    case 'AdminRemoveUserFromGroup': pool.requireUser(b.Username).groups.delete(requireGroup(pool, b.GroupName)); return {};
    case 'AdminListGroupsForUser': return { Groups: [...pool.requireUser(b.Username).groups].map((g) => groupType(pool, g)) };
    case 'ListUsersInGroup': {
      const name = requireGroup(pool, b.GroupName);
      return { Users: [...pool.users.values()].filter((u) => u.groups.has(name)).map(userType) };
    }
    case 'DescribeUserPool': return { UserPool: { Id: pool.id, Name: pool.properties.UserPoolName ?? pool.id, ...pool.properties, EstimatedNumberOfUsers: pool.users.size } };
    case 'ListUserPoolClients': return { UserPoolClients: pool.clients.map((c) => ({ ClientId: c.clientId, ClientName: c.name, UserPoolId: pool.id })) };
    case 'DescribeUserPoolClient': {
      const c = requireClient(pool, b.ClientId);
      const { UserPoolId: _ref, ...props } = c.template.properties ?? {};
      const secret = c.secrets.length ? { ClientSecret: c.secrets[0] } : {};
      return { UserPoolClient: { ...props, ClientId: c.clientId, ClientName: c.name, UserPoolId: pool.id, ...secret } };
    }
    default:
      throw new CognitoError('InvalidAction', `the twin does not emulate the Cognito action ${target}`);
  }
}

function requireGroup(pool: UserPool, name: unknown): string {
  if (typeof name !== 'string' || !pool.groups.has(name)) throw new CognitoError('ResourceNotFoundException', 'Group not found.');
  return name;
}

function groupType(pool: UserPool, name: string): Json {
  return { GroupName: name, UserPoolId: pool.id };
}

function userType(user: PoolUser): Json {
  return {
    Username: user.username,
    Attributes: attributeList(user),
    UserCreateDate: user.created / 1000,
    UserLastModifiedDate: user.modified / 1000,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/** ListUsers with its Filter (`name = "value"` or `name ^= "value"`) and Limit. */
function listUsers(pool: UserPool, b: Json): Json[] {
  let users = [...pool.users.values()];
  if (typeof b.Filter === 'string' && b.Filter.trim()) {
    const m = b.Filter.match(/^\s*([\w:]+)\s*(=|\^=)\s*"([^"]*)"\s*$/);
    if (!m) throw new CognitoError('InvalidParameterException', `Error while parsing filter: ${b.Filter}`);
    const [, name, op, value] = m;
    const valueOf = (u: PoolUser): string | undefined => {
      if (name === 'username') return u.username;
      if (name === 'cognito:user_status') return u.status;
      if (name === 'status') return u.enabled ? 'Enabled' : 'Disabled';
      return u.attributes[name];
    };
    users = users.filter((u) => {
      const v = valueOf(u);
      return v !== undefined && (op === '=' ? v === value : v.startsWith(value));
    });
  }
  if (typeof b.Limit === 'number') users = users.slice(0, b.Limit);
  return users.map(userType);
}
