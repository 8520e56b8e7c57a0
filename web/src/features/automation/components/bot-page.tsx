import { useMemo } from 'react';
import { useForm } from 'react-hook-form';

import type { BotSettings } from '@/lib/api/models';
import { applyFieldErrors } from '@/lib/form-errors';

import { BOT_FIELDS, botFormPath, toBotFormValues, toBotSettings, type BotFormValues } from '../utils/bot-settings';

import type { TeamOption } from './action-fields';
import { BotSafetyRules } from './bot-safety-rules';
import { BotSettingsForm } from './bot-settings-form';
import { BotTester } from './bot-tester';

/**
 * Automação → Bot: the settings form beside "Testar o bot", which tries the
 * form's values as they are (saved or not). Teams come from the app layer.
 */
export function BotPage({ settings, teams }: { settings: BotSettings; teams: TeamOption[] }) {
  const values = useMemo(() => toBotFormValues(settings), [settings]);
  const form = useForm<BotFormValues>({ values, resetOptions: { keepDirtyValues: true } });

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="space-y-4">
        <BotSafetyRules />
        <BotSettingsForm form={form} teams={teams} />
      </div>
      <div className="lg:sticky lg:top-4">
        <BotTester
          settings={() => toBotSettings(form.getValues())}
          onSettingsError={(error) => applyFieldErrors(error, form.setError, BOT_FIELDS, botFormPath)}
        />
      </div>
    </div>
  );
}
