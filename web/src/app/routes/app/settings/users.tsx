import { ContentLayout } from '@/components/layouts/content-layout';
import { InviteUserForm } from '@/features/users/components/invite-user-form';
import { PendingInvitations } from '@/features/users/components/pending-invitations';
import { RolesGuide } from '@/features/users/components/roles-guide';
import { UsersList } from '@/features/users/components/users-list';
import { useMe } from '@/lib/auth';
import { canManageCompany } from '@/lib/authorization';

export default function UsersSettingsRoute() {
  const { user } = useMe();
  const canManage = canManageCompany(user.role);
  return (
    <ContentLayout title="Usuários" description="Quem usa o ConectCRM na sua empresa, com que papel, e os convites em aberto.">
      <div className="space-y-6">
        {canManage && <InviteUserForm />}
        <UsersList currentUserId={user.id} canManage={canManage} />
        {canManage && <PendingInvitations />}
        <RolesGuide />
      </div>
    </ContentLayout>
  );
}
