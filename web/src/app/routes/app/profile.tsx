import { ContentLayout } from '@/components/layouts/content-layout';
import { NotificationPreferences } from '@/features/notifications/components/notification-preferences';
import { AvatarUpload } from '@/features/profile/components/avatar-upload';
import { PasswordForm } from '@/features/profile/components/password-form';
import { ProfileDetailsForm } from '@/features/profile/components/profile-details-form';
import { ProfileSection } from '@/features/profile/components/profile-section';
import { SessionsList } from '@/features/profile/components/sessions-list';
import { SignatureForm } from '@/features/profile/components/signature-form';
import { useMe } from '@/lib/auth';

/** "Meu perfil": every role's own page — data, photo, signature, password, logins and notifications. */
export default function ProfileRoute() {
  const me = useMe();
  return (
    <ContentLayout title="Meu perfil" description="Seus dados, sua foto, a assinatura dos seus e-mails, a senha e onde você está conectado.">
      <div className="space-y-6">
        <ProfileDetailsForm user={me.user} />
        <AvatarUpload user={me.user} />
        <SignatureForm signature={me.signature} />
        <PasswordForm />
        <SessionsList />
        <ProfileSection title="Notificações">
          <NotificationPreferences />
        </ProfileSection>
      </div>
    </ContentLayout>
  );
}
