import { Navigate } from 'react-router';

import { useMe } from '@/lib/auth';
import { landingPath } from '@/lib/landing';

/** `/`: each role's own start page (a deep link skips this: the login goes straight to it). */
export default function HomeRoute() {
  const { user } = useMe();
  return <Navigate to={landingPath(user.role)} replace />;
}
