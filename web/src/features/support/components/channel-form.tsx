import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Controller, useForm, type UseFormReturn, useWatch } from 'react-hook-form';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/fields';
import type { Channel, ChannelKind, SaveChannelRequest } from '@/lib/api/models';
import { meQueryOptions } from '@/lib/auth';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useCreateChannel, useUpdateChannel } from '../api/channels';
import { useTeams } from '../api/teams';
import { WEBCHAT_DEFAULTS, WEBCHAT_OFFSET_MAX } from '../utils/channel-setup';
import {
  PURPOSE_LABELS,
  type SaleTemplatesValues,
  TEMPLATE_FIELDS,
  TEMPLATE_PURPOSES,
  templateIssues,
  templatesDefaults,
  type TemplatePurpose,
  toTemplatesConfig,
} from '../utils/sale-templates';

import { TemplateParamsEditor } from './template-params-editor';

// One form for every kind of channel; each kind shows and requires its own
// fields (what `ChannelKind::required` on the server asks for). Secrets are
// never shown again: on an edit, an empty secret keeps the stored one.

export type ChannelValues = {
  name: string;
  enabled: boolean;
  team_id: string;
  // WhatsApp Cloud API
  phone_number_id: string;
  access_token: string;
  app_secret: string;
  /** Approved templates for "Enviar no chat" outside the 24-hour window (`config.templates`). */
  templates: SaleTemplatesValues;
  // Twilio
  account_sid: string;
  from: string;
  auth_token: string;
  // E-mail
  address: string;
  from_name: string;
  sendgrid_api_key: string;
  // Web chat
  /** The public title; empty: the company's name. */
  title: string;
  greeting: string;
  color: string;
  prechat: boolean;
  position: 'right' | 'left';
  /** Pixels, as typed (stored as integers). */
  offset_x: string;
  offset_y: string;
  show_agent_name: boolean;
  offline_notice: boolean;
  offline_message: string;
};

const POSITIONS: { value: ChannelValues['position']; label: string }[] = [
  { value: 'right', label: 'Direita' },
  { value: 'left', label: 'Esquerda' },
];

const SECRET_FIELDS: Record<ChannelKind, (keyof ChannelValues)[]> = {
  whatsapp: ['access_token', 'app_secret'],
  twilio_sms: ['auth_token'],
  twilio_whatsapp: ['auth_token'],
  email: ['sendgrid_api_key'],
  webchat: [],
};

/** The plain settings each kind keeps in `config` (the WhatsApp templates are built apart). */
const CONFIG_FIELDS: Record<ChannelKind, Exclude<keyof ChannelValues, 'templates'>[]> = {
  whatsapp: ['phone_number_id'],
  twilio_sms: ['account_sid', 'from'],
  twilio_whatsapp: ['account_sid', 'from'],
  email: ['address', 'from_name'],
  webchat: ['title', 'greeting', 'color', 'prechat', 'position', 'offset_x', 'offset_y', 'show_agent_name', 'offline_notice', 'offline_message'],
};

/** Settings typed as text and stored as integers. */
const INTEGER_FIELDS: readonly (keyof ChannelValues)[] = ['offset_x', 'offset_y'];

/** Settings and secrets each kind cannot work without. */
const REQUIRED: Record<ChannelKind, { config: (keyof ChannelValues)[]; secrets: (keyof ChannelValues)[] }> = {
  whatsapp: { config: ['phone_number_id'], secrets: ['access_token', 'app_secret'] },
  twilio_sms: { config: ['account_sid', 'from'], secrets: ['auth_token'] },
  twilio_whatsapp: { config: ['account_sid', 'from'], secrets: ['auth_token'] },
  email: { config: ['address'], secrets: [] },
  webchat: { config: [], secrets: [] },
};

const FIELDS = [
  'name',
  'enabled',
  'team_id',
  'phone_number_id',
  'access_token',
  'app_secret',
  'templates',
  'account_sid',
  'from',
  'auth_token',
  'address',
  'from_name',
  'sendgrid_api_key',
  'title',
  'greeting',
  'color',
  'prechat',
  'position',
  'offset_x',
  'offset_y',
  'show_agent_name',
  'offline_notice',
  'offline_message',
] as const;

/** "config.phone_number_id" / "secrets.access_token" / "config.templates.proposal.name" → the form's field. */
const rename = (path: string) => path.replace(/^(config|secrets)\./, '');

const str = (value: unknown) => (typeof value === 'string' ? value : '');

const flag = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);

/** A stored offset as the form shows it: the default when missing or out of range (as the server reads it). */
const offset = (value: unknown, fallback: number) =>
  String(typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= WEBCHAT_OFFSET_MAX ? value : fallback);

const isOffset = (value: string) => /^\d{1,3}$/.test(value) && Number(value) <= WEBCHAT_OFFSET_MAX;

const templateSchema = z.object({
  enabled: z.boolean(),
  name: z.string(),
  language: z.string(),
  params: z.array(z.enum(TEMPLATE_FIELDS)),
});

export function channelSchema(kind: ChannelKind, storedSecrets: readonly string[]) {
  return z
    .object({
      name: z.string().trim().min(1, 'Dê um nome ao canal.').max(100, 'Até 100 caracteres.'),
      enabled: z.boolean(),
      team_id: z.string(),
      phone_number_id: z.string().trim().max(100),
      access_token: z.string().trim().max(2000),
      app_secret: z.string().trim().max(500),
      templates: z.object({ proposal: templateSchema, invoice: templateSchema, reminder: templateSchema }),
      account_sid: z.string().trim().max(100),
      from: z.string().trim().max(100),
      auth_token: z.string().trim().max(500),
      address: z.string().trim().max(254),
      from_name: z.string().trim().max(100),
      sendgrid_api_key: z.string().trim().max(500),
      title: z.string().trim().max(80, 'Até 80 caracteres.'),
      greeting: z.string().trim().max(300, 'Até 300 caracteres.'),
      color: z.string().trim(),
      prechat: z.boolean(),
      position: z.enum(['right', 'left'], 'Escolha direita ou esquerda.'),
      offset_x: z.string().trim(),
      offset_y: z.string().trim(),
      show_agent_name: z.boolean(),
      offline_notice: z.boolean(),
      offline_message: z.string().trim().max(300, 'Até 300 caracteres.'),
    })
    .superRefine((values, ctx) => {
      for (const field of REQUIRED[kind].config) {
        if (!String(values[field]).trim()) ctx.addIssue({ code: 'custom', path: [field], message: 'Obrigatório para este canal.' });
      }
      for (const field of REQUIRED[kind].secrets) {
        if (!String(values[field]).trim() && !storedSecrets.includes(field)) {
          ctx.addIssue({ code: 'custom', path: [field], message: 'Obrigatório para este canal.' });
        }
      }
      if (kind === 'whatsapp') {
        for (const issue of templateIssues(values.templates)) {
          ctx.addIssue({ code: 'custom', path: ['templates', ...issue.path], message: issue.message });
        }
      }
      if (kind === 'email' && values.address && !z.email().safeParse(values.address).success) {
        ctx.addIssue({ code: 'custom', path: ['address'], message: 'E-mail inválido.' });
      }
      if (kind === 'twilio_sms' && values.from && !/^\+[1-9]\d{7,14}$/.test(values.from)) {
        ctx.addIssue({ code: 'custom', path: ['from'], message: 'Número no formato +5511999998888.' });
      }
      if (kind === 'twilio_whatsapp' && values.from && !/^(whatsapp:)?\+[1-9]\d{7,14}$/.test(values.from)) {
        ctx.addIssue({ code: 'custom', path: ['from'], message: 'Número no formato whatsapp:+5511999998888.' });
      }
      if (kind === 'webchat' && values.color && !/^#[0-9a-f]{6}$/i.test(values.color)) {
        ctx.addIssue({ code: 'custom', path: ['color'], message: 'Cor no formato #2563eb.' });
      }
      if (kind === 'webchat') {
        for (const field of ['offset_x', 'offset_y'] as const) {
          if (!isOffset(values[field])) ctx.addIssue({ code: 'custom', path: [field], message: 'Distância em pixels, de 0 a 400.' });
        }
      }
    });
}

export function channelDefaults(channel: Channel | null): ChannelValues {
  const config = channel?.config ?? {};
  return {
    name: channel?.name ?? '',
    enabled: channel?.enabled ?? true,
    team_id: channel?.team_id ?? '',
    phone_number_id: str(config.phone_number_id),
    access_token: '',
    app_secret: '',
    templates: templatesDefaults(config),
    account_sid: str(config.account_sid),
    from: str(config.from),
    auth_token: '',
    address: str(config.address),
    from_name: str(config.from_name),
    sendgrid_api_key: '',
    title: str(config.title),
    greeting: str(config.greeting) || (channel ? '' : WEBCHAT_DEFAULTS.greeting),
    color: str(config.color) || WEBCHAT_DEFAULTS.color,
    prechat: config.prechat === true,
    position: config.position === 'left' ? 'left' : WEBCHAT_DEFAULTS.position,
    offset_x: offset(config.offset_x, WEBCHAT_DEFAULTS.offset_x),
    offset_y: offset(config.offset_y, WEBCHAT_DEFAULTS.offset_y),
    show_agent_name: flag(config.show_agent_name, WEBCHAT_DEFAULTS.show_agent_name),
    offline_notice: flag(config.offline_notice, WEBCHAT_DEFAULTS.offline_notice),
    offline_message: str(config.offline_message) || (channel ? '' : WEBCHAT_DEFAULTS.offline_message),
  };
}

/**
 * The request for these values: the kind's settings over what the channel
 * had (generated tokens and other keys survive), and only the secrets typed.
 */
export function toSaveChannelRequest(kind: ChannelKind, values: ChannelValues, channel: Channel | null): SaveChannelRequest {
  const config: Record<string, unknown> = { ...(channel?.config ?? {}) };
  for (const field of CONFIG_FIELDS[kind]) {
    const value = values[field];
    if (typeof value === 'boolean') config[field] = value;
    else if (!value.trim()) delete config[field];
    else config[field] = INTEGER_FIELDS.includes(field) ? Number(value.trim()) : value.trim();
  }
  if (kind === 'whatsapp') {
    const templates = toTemplatesConfig(values.templates);
    if (templates) config.templates = templates;
    else delete config.templates;
  }
  const secrets: Record<string, string> = {};
  for (const field of SECRET_FIELDS[kind]) {
    const value = String(values[field]).trim();
    if (value) secrets[field] = value;
  }
  return { kind, name: values.name.trim(), config, secrets, enabled: values.enabled, team_id: values.team_id || null };
}

type Props = {
  kind: ChannelKind;
  channel: Channel | null;
  onSaved: (channel: Channel) => void;
  onCancel: () => void;
};

export function ChannelForm({ kind, channel, onSaved, onCancel }: Props) {
  const stored = channel?.secrets ?? [];
  const form = useForm<ChannelValues>({ resolver: zodResolver(channelSchema(kind, stored)), defaultValues: channelDefaults(channel) });
  const { errors } = form.formState;
  const teams = useTeams();
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const save = channel ? update : create;
  const secretHint = (name: string) =>
    stored.includes(name) ? 'Guardado. Deixe em branco para manter; preencha para trocar.' : undefined;
  const secretPlaceholder = (name: string) => (stored.includes(name) ? '•••••••• (guardado)' : undefined);

  return (
    <form
      noValidate
      aria-label={channel ? 'Editar canal' : 'Novo canal'}
      className="space-y-4"
      onSubmit={form.handleSubmit((values) => {
        const input = toSaveChannelRequest(kind, values, channel);
        const options = {
          onSuccess: onSaved,
          onError: (error: unknown) => applyFieldErrors(error, form.setError, FIELDS, rename),
        };
        if (channel) update.mutate({ id: channel.id, input }, options);
        else create.mutate(input, options);
      })}
    >
      <FormErrors message={save.error ? problemMessage(save.error) : null} extra={unmatchedFieldErrors(save.error, FIELDS, rename)} />
      <TextField label="Nome do canal" required autoFocus placeholder="ex.: WhatsApp Vendas" error={errors.name?.message} {...form.register('name')} />

      {kind === 'whatsapp' && (
        <>
          <TextField
            label="ID do número de telefone (phone_number_id)"
            required
            autoComplete="off"
            hint="No painel da Meta: WhatsApp › Configuração da API › Identificação do número de telefone."
            error={errors.phone_number_id?.message}
            {...form.register('phone_number_id')}
          />
          <TextField
            label="Token de acesso"
            type="password"
            autoComplete="off"
            required={!stored.includes('access_token')}
            placeholder={secretPlaceholder('access_token')}
            hint={secretHint('access_token') ?? 'Um token permanente de usuário do sistema, com permissão whatsapp_business_messaging.'}
            error={errors.access_token?.message}
            {...form.register('access_token')}
          />
          <TextField
            label="Chave secreta do app (App Secret)"
            type="password"
            autoComplete="off"
            required={!stored.includes('app_secret')}
            placeholder={secretPlaceholder('app_secret')}
            hint={secretHint('app_secret') ?? 'Configurações do app › Básico. Confere a assinatura dos avisos da Meta.'}
            error={errors.app_secret?.message}
            {...form.register('app_secret')}
          />
          <SaleTemplatesSection form={form} />
        </>
      )}

      {(kind === 'twilio_sms' || kind === 'twilio_whatsapp') && (
        <>
          <TextField label="Account SID" required autoComplete="off" placeholder="AC…" error={errors.account_sid?.message} {...form.register('account_sid')} />
          <TextField
            label="Número de origem"
            required
            placeholder={kind === 'twilio_sms' ? '+5511999998888' : 'whatsapp:+5511999998888'}
            hint={kind === 'twilio_sms' ? 'O número Twilio, com + e código do país.' : 'O remetente WhatsApp aprovado na Twilio.'}
            error={errors.from?.message}
            {...form.register('from')}
          />
          <TextField
            label="Auth Token"
            type="password"
            autoComplete="off"
            required={!stored.includes('auth_token')}
            placeholder={secretPlaceholder('auth_token')}
            hint={secretHint('auth_token')}
            error={errors.auth_token?.message}
            {...form.register('auth_token')}
          />
        </>
      )}

      {kind === 'email' && (
        <>
          <TextField
            label="Endereço de atendimento"
            type="email"
            required
            placeholder="suporte@suaempresa.com.br"
            hint="Respostas saem deste endereço; os e-mails recebidos nele chegam pelo encaminhamento (veja a URL de entrada depois de salvar)."
            error={errors.address?.message}
            {...form.register('address')}
          />
          <TextField label="Nome do remetente (opcional)" placeholder="Suporte ACME" error={errors.from_name?.message} {...form.register('from_name')} />
          <TextField
            label="Chave de API do SendGrid (opcional)"
            type="password"
            autoComplete="off"
            placeholder={secretPlaceholder('sendgrid_api_key')}
            hint={secretHint('sendgrid_api_key') ?? 'Vazio: as respostas saem pelo servidor de e-mail da instalação (SMTP).'}
            error={errors.sendgrid_api_key?.message}
            {...form.register('sendgrid_api_key')}
          />
        </>
      )}

      {kind === 'webchat' && <WebchatFields form={form} />}

      <SelectField
        label="Equipe que recebe os tickets"
        hint="As regras de triagem podem mandar um ticket para outra equipe."
        error={errors.team_id?.message}
        {...form.register('team_id')}
      >
        <option value="">Nenhuma (sem equipe)</option>
        {(teams.data ?? []).map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </SelectField>
      <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <input type="checkbox" role="switch" className="size-4" {...form.register('enabled')} />
        Canal ativo
      </label>

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel} disabled={save.isPending}>
          Voltar
        </Button>
        <Button type="submit" isLoading={save.isPending}>
          {channel ? 'Salvar canal' : 'Criar canal'}
        </Button>
      </div>
    </form>
  );
}

/** What the site's visitors see: the widget's words, colour and place on the page, and the notice outside business hours. */
function WebchatFields({ form }: { form: UseFormReturn<ChannelValues> }) {
  const { errors } = form.formState;
  const color = useWatch({ control: form.control, name: 'color' });
  const offlineNotice = useWatch({ control: form.control, name: 'offline_notice' });
  // The title's fallback, as the server picks it.
  const me = useQuery(meQueryOptions());
  const company = me.data?.company;
  const companyName = company?.trade_name || company?.name || 'Nome da sua empresa';
  return (
    <>
      <TextField
        label="Título público"
        placeholder={companyName}
        hint="No topo do chat, e nas respostas quando o nome do atendente não aparece. Vazio: o nome da empresa."
        error={errors.title?.message}
        {...form.register('title')}
      />
      <TextField
        label="Saudação"
        placeholder="Olá! Como podemos ajudar?"
        hint="A primeira mensagem que o visitante vê no chat."
        error={errors.greeting?.message}
        {...form.register('greeting')}
      />
      <div className="flex items-end gap-3">
        <TextField label="Cor" placeholder="#2563eb" error={errors.color?.message} wrapperClassName="flex-1" {...form.register('color')} />
        <input
          type="color"
          aria-label="Escolher a cor"
          className="h-10 w-14 cursor-pointer rounded-md border border-slate-300 bg-white"
          value={/^#[0-9a-f]{6}$/i.test(color) ? color : '#2563eb'}
          onChange={(event) => form.setValue('color', event.target.value, { shouldDirty: true, shouldValidate: true })}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Posição na página" error={errors.position?.message} {...form.register('position')}>
          {POSITIONS.map((position) => (
            <option key={position.value} value={position.value}>
              {position.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Distância da lateral (px)"
          type="number"
          inputMode="numeric"
          min={0}
          max={WEBCHAT_OFFSET_MAX}
          step={1}
          error={errors.offset_x?.message}
          {...form.register('offset_x')}
        />
        <TextField
          label="Distância do rodapé (px)"
          type="number"
          inputMode="numeric"
          min={0}
          max={WEBCHAT_OFFSET_MAX}
          step={1}
          error={errors.offset_y?.message}
          {...form.register('offset_y')}
        />
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" className="size-4" {...form.register('prechat')} />
        Pedir nome e e-mail antes da conversa
      </label>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" className="size-4" {...form.register('show_agent_name')} />
        Mostrar o nome do atendente nas respostas
      </label>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" className="size-4" {...form.register('offline_notice')} />
        Avisar quando estiver fora do horário de atendimento
      </label>
      {offlineNotice && (
        <TextAreaField
          label="Aviso fora do horário"
          placeholder={WEBCHAT_DEFAULTS.offline_message}
          hint="O chat diz também quando o atendimento volta e pede o e-mail do visitante para a resposta. Vazio: o texto de exemplo."
          error={errors.offline_message?.message}
          {...form.register('offline_message')}
        />
      )}
    </>
  );
}

/**
 * WhatsApp delivers only a template Meta approved once the customer's last
 * message is more than 24 hours old: the ones "Enviar no chat" sends then.
 */
function SaleTemplatesSection({ form }: { form: UseFormReturn<ChannelValues> }) {
  const headingId = useId();
  const error = form.formState.errors.templates?.message;
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-200 p-4">
      <h3 id={headingId} className="text-sm font-semibold text-slate-900">
        Modelos aprovados para vendas (fora da janela de 24 horas)
      </h3>
      <p className="text-xs text-slate-600">
        Passadas 24 horas da última mensagem do cliente, o WhatsApp só entrega modelos aprovados pela Meta. Cadastre aqui os modelos que
        o “Enviar no chat” usa nesse caso: o nome e o idioma como estão no Gerenciador do WhatsApp e, na ordem do texto aprovado, o que
        preenche cada variável. A conversa continua mostrando o texto completo e o cartão. Sem modelo, o envio é recusado e o atendente vê
        o motivo. Com um modelo de lembrete, os lembretes de cobrança também vão pelo WhatsApp, na conversa mais recente do cliente.
      </p>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
      {TEMPLATE_PURPOSES.map((purpose) => (
        <TemplateFields key={purpose} form={form} purpose={purpose} />
      ))}
    </section>
  );
}

function TemplateFields({ form, purpose }: { form: UseFormReturn<ChannelValues>; purpose: TemplatePurpose }) {
  const enabled = useWatch({ control: form.control, name: `templates.${purpose}.enabled` });
  const errors = form.formState.errors.templates?.[purpose];
  const label = PURPOSE_LABELS[purpose];
  const what = purpose === 'proposal' ? 'propostas' : purpose === 'invoice' ? 'faturas' : 'lembretes de cobrança';
  return (
    <fieldset className="space-y-3 border-t border-slate-200 pt-3">
      <legend className="sr-only">{label}</legend>
      <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <input type="checkbox" className="size-4" {...form.register(`templates.${purpose}.enabled`)} />
        {`${label}: usar um modelo aprovado para enviar ${what}`}
      </label>
      {enabled && (
        <div className="space-y-3 pl-6">
          <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
            <TextField
              label={`Nome do modelo de ${label.toLowerCase()}`}
              required
              autoComplete="off"
              spellCheck={false}
              placeholder={purpose === 'proposal' ? 'proposta_enviada' : purpose === 'invoice' ? 'fatura_disponivel' : 'lembrete_fatura'}
              hint="Como aprovado na Meta: letras minúsculas, números e _."
              error={errors?.name?.message}
              {...form.register(`templates.${purpose}.name`)}
            />
            <TextField
              label={`Idioma do modelo de ${label.toLowerCase()}`}
              required
              autoComplete="off"
              spellCheck={false}
              placeholder="pt_BR"
              error={errors?.language?.message}
              {...form.register(`templates.${purpose}.language`)}
            />
          </div>
          <Controller
            control={form.control}
            name={`templates.${purpose}.params`}
            render={({ field, fieldState }) => (
              <TemplateParamsEditor
                purpose={purpose}
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error?.message}
                ref={field.ref}
              />
            )}
          />
        </div>
      )}
    </fieldset>
  );
}
