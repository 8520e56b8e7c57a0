import { useTeams } from '@/features/support/api/teams';

/**
 * Support's teams as automation's pickers take them (a flow's "Atribuir",
 * the bot's handover): handed in by the app layer, since features do not
 * import each other. Empty while loading.
 */
export function useTeamOptions() {
  const teams = useTeams();
  return (teams.data ?? []).map((team) => ({ id: team.id, name: team.name }));
}
