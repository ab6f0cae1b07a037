import { Injectable } from '@nestjs/common';
import type { MemberRole } from '@spfwatch/db';
import { PrismaService } from '../../prisma/prisma.service';

export interface UserCredentialsRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  disabled: boolean;
}

export interface MembershipRow {
  organizationId: string;
  role: MemberRole;
  clientIds: string[];
}

export interface MembershipSummaryRow {
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  role: MemberRole;
}

export interface MemberRow {
  id: string;
  email: string;
  name: string;
  role: MemberRole;
  clientIds: string[];
  disabled: boolean;
  joinedAt: Date;
}

export interface NewAccount {
  email: string;
  name: string;
  passwordHash: string;
}

const MEMBER_SELECT = {
  role: true,
  createdAt: true,
  clients: { select: { clientId: true }, orderBy: { clientId: 'asc' } },
  user: { select: { id: true, email: true, name: true, disabled: true } },
} as const;

type MemberSelected = {
  role: MemberRole;
  createdAt: Date;
  clients: { clientId: string }[];
  user: { id: string; email: string; name: string; disabled: boolean };
};

function toMember(row: MemberSelected): MemberRow {
  return { ...row.user, role: row.role, clientIds: row.clients.map((c) => c.clientId), joinedAt: row.createdAt };
}

/** Users and their memberships. Membership methods take the organization id and scope by it. */
@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByEmail(email: string): Promise<UserCredentialsRow | null> {
    return this.prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true, disabled: true } });
  }

  findById(id: string): Promise<{ id: string; email: string; name: string; disabled: boolean } | null> {
    return this.prisma.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, disabled: true } });
  }

  async findMembership(userId: string, organizationId: string): Promise<MembershipRow | null> {
    const row = await this.prisma.membership.findUnique({
      where: { userId_organizationId: { userId, organizationId } },
      select: { organizationId: true, role: true, clients: { select: { clientId: true } } },
    });
    return row ? { organizationId: row.organizationId, role: row.role, clientIds: row.clients.map((c) => c.clientId) } : null;
  }

  /** The user's memberships, oldest first (the first is where a login lands by default). */
  async listMemberships(userId: string): Promise<MembershipSummaryRow[]> {
    const rows = await this.prisma.membership.findMany({
      where: { userId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { role: true, organization: { select: { id: true, name: true, slug: true } } },
    });
    return rows.map((r) => ({ organizationId: r.organization.id, organizationName: r.organization.name, organizationSlug: r.organization.slug, role: r.role }));
  }

  async listMembers(organizationId: string): Promise<MemberRow[]> {
    const rows = await this.prisma.membership.findMany({
      where: { organizationId },
      orderBy: [{ user: { name: 'asc' } }, { userId: 'asc' }],
      select: MEMBER_SELECT,
    });
    return rows.map(toMember);
  }

  async findMember(organizationId: string, userId: string): Promise<MemberRow | null> {
    const row = await this.prisma.membership.findUnique({ where: { userId_organizationId: { userId, organizationId } }, select: MEMBER_SELECT });
    return row ? toMember(row) : null;
  }

  /** How many of `clientIds` are clients of the organization. */
  countClients(organizationId: string, clientIds: readonly string[]): Promise<number> {
    return this.prisma.client.count({ where: { organizationId, id: { in: [...clientIds] } } });
  }

  async anyOwnerExists(): Promise<boolean> {
    return (await this.prisma.membership.count({ where: { role: 'owner' }, take: 1 })) > 0;
  }

  /** Creates the user and their membership in one transaction. Throws P2002 when the email is taken. */
  async createWithMembership(account: NewAccount, membership: { organizationId: string; role: MemberRole; clientIds: readonly string[] }): Promise<{ id: string }> {
    return this.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: account, select: { id: true } });
      await insertMembership(tx, user.id, membership);
      return user;
    });
  }

  /** Adds a membership to an existing user. Throws P2002 when they are already a member. */
  async addMembership(userId: string, membership: { organizationId: string; role: MemberRole; clientIds: readonly string[] }): Promise<void> {
    await this.prisma.$transaction((tx) => insertMembership(tx, userId, membership));
  }

  /**
   * Runs `change` after locking the organization's owner memberships (FOR UPDATE), handing it
   * the owner count, so two concurrent demotions or removals cannot leave no owner.
   */
  async withOwnersLocked<T>(organizationId: string, change: (owners: number, tx: MembershipTx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      const owners = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM memberships WHERE organization_id = ${organizationId}::uuid AND role = 'owner' FOR UPDATE`;
      return change(owners.length, new MembershipTx(tx, organizationId));
    });
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.prisma.user.update({ where: { id: userId }, data: { passwordHash } });
  }
}

type Tx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];

/** The membership, then its clients (both foreign keys of MembershipClient carry the organization). */
async function insertMembership(tx: Tx, userId: string, membership: { organizationId: string; role: MemberRole; clientIds: readonly string[] }): Promise<void> {
  const row = await tx.membership.create({ data: { userId, organizationId: membership.organizationId, role: membership.role }, select: { id: true } });
  if (membership.clientIds.length > 0) {
    await tx.membershipClient.createMany({ data: membership.clientIds.map((clientId) => ({ membershipId: row.id, clientId, organizationId: membership.organizationId })) });
  }
}

/** Membership writes inside `withOwnersLocked`. */
export class MembershipTx {
  constructor(
    private readonly tx: Tx,
    private readonly organizationId: string,
  ) {}

  /** Sets the role and (for client_viewer) the clients. False when the user is not a member. */
  async update(userId: string, role: MemberRole, clientIds: readonly string[]): Promise<boolean> {
    const membership = await this.tx.membership.findUnique({ where: { userId_organizationId: { userId, organizationId: this.organizationId } }, select: { id: true } });
    if (!membership) return false;
    await this.tx.membership.update({ where: { id: membership.id }, data: { role } });
    await this.tx.membershipClient.deleteMany({ where: { membershipId: membership.id } });
    if (clientIds.length > 0) {
      await this.tx.membershipClient.createMany({ data: clientIds.map((clientId) => ({ membershipId: membership.id, clientId, organizationId: this.organizationId })) });
    }
    return true;
  }

  /**
   * Removes the membership, the user's sessions in this organization and revokes the API
   * tokens they created here. False when the user is not a member.
   */
  async remove(userId: string, at: Date): Promise<{ removed: boolean; revokedTokens: number }> {
    const { count } = await this.tx.membership.deleteMany({ where: { userId, organizationId: this.organizationId } });
    if (count === 0) return { removed: false, revokedTokens: 0 };
    await this.tx.session.deleteMany({ where: { userId, organizationId: this.organizationId } });
    const tokens = await this.tx.apiToken.updateMany({ where: { createdById: userId, organizationId: this.organizationId, revokedAt: null }, data: { revokedAt: at } });
    return { removed: true, revokedTokens: tokens.count };
  }
}
