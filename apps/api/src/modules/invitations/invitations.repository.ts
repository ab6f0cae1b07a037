import { Injectable } from '@nestjs/common';
import type { MemberRole } from '@spfwatch/db';
import { PrismaService } from '../../prisma/prisma.service';

export interface InvitationRow {
  id: string;
  organizationId: string;
  email: string;
  role: MemberRole;
  clientIds: string[];
  invitedBy: { id: string; name: string } | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewInvitation {
  organizationId: string;
  email: string;
  role: MemberRole;
  clientIds: readonly string[];
  tokenHash: string;
  invitedById: string | null;
  createdAt: Date;
  expiresAt: Date;
}

const INVITATION_SELECT = {
  id: true,
  organizationId: true,
  email: true,
  role: true,
  clientIds: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  invitedBy: { select: { id: true, name: true } },
} as const;

@Injectable()
export class InvitationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Creates the invitation, revoking the email's earlier pending ones in the organization. */
  async createSuperseding(invitation: NewInvitation): Promise<InvitationRow> {
    return this.prisma.$transaction(async (tx) => {
      await tx.invitation.updateMany({
        where: { organizationId: invitation.organizationId, email: invitation.email, acceptedAt: null, revokedAt: null },
        data: { revokedAt: invitation.createdAt },
      });
      return tx.invitation.create({ data: { ...invitation, clientIds: [...invitation.clientIds] }, select: INVITATION_SELECT });
    });
  }

  list(organizationId: string): Promise<InvitationRow[]> {
    return this.prisma.invitation.findMany({ where: { organizationId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: INVITATION_SELECT });
  }

  findById(organizationId: string, id: string): Promise<InvitationRow | null> {
    return this.prisma.invitation.findFirst({ where: { organizationId, id }, select: INVITATION_SELECT });
  }

  async findByTokenHash(tokenHash: string): Promise<(InvitationRow & { organizationName: string }) | null> {
    const row = await this.prisma.invitation.findUnique({ where: { tokenHash }, select: { ...INVITATION_SELECT, organization: { select: { name: true } } } });
    if (!row) return null;
    const { organization, ...rest } = row;
    return { ...rest, organizationName: organization.name };
  }

  async revoke(organizationId: string, id: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.invitation.updateMany({ where: { organizationId, id, acceptedAt: null, revokedAt: null }, data: { revokedAt: at } });
    return count > 0;
  }

  /** Marks a still-pending invitation accepted; false when someone else used, revoked or it expired meanwhile. */
  async markAccepted(id: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.invitation.updateMany({ where: { id, acceptedAt: null, revokedAt: null, expiresAt: { gt: at } }, data: { acceptedAt: at } });
    return count > 0;
  }

  /** Puts an invitation back to pending (the account could not be created after all). */
  async unmarkAccepted(id: string): Promise<void> {
    await this.prisma.invitation.updateMany({ where: { id }, data: { acceptedAt: null } });
  }

  async isMember(organizationId: string, email: string): Promise<boolean> {
    return (await this.prisma.membership.count({ where: { organizationId, user: { email } } })) > 0;
  }
}
