// The IANA zones in use in Brazil, São Paulo (Brasília time) first.
export const DEFAULT_TIMEZONE = 'America/Sao_Paulo';

export const BRAZILIAN_TIMEZONES = [
  ['America/Sao_Paulo', 'Horário de Brasília — São Paulo, Rio, Minas, Sul, GO, DF (UTC−3)'],
  ['America/Bahia', 'Bahia (UTC−3)'],
  ['America/Fortaleza', 'Fortaleza — CE, RN, PB, PI, MA (UTC−3)'],
  ['America/Recife', 'Recife — PE (UTC−3)'],
  ['America/Maceio', 'Maceió — AL, SE (UTC−3)'],
  ['America/Belem', 'Belém — PA leste, AP (UTC−3)'],
  ['America/Santarem', 'Santarém — PA oeste (UTC−3)'],
  ['America/Araguaina', 'Araguaína — TO (UTC−3)'],
  ['America/Noronha', 'Fernando de Noronha (UTC−2)'],
  ['America/Manaus', 'Manaus — AM (UTC−4)'],
  ['America/Cuiaba', 'Cuiabá — MT (UTC−4)'],
  ['America/Campo_Grande', 'Campo Grande — MS (UTC−4)'],
  ['America/Porto_Velho', 'Porto Velho — RO (UTC−4)'],
  ['America/Boa_Vista', 'Boa Vista — RR (UTC−4)'],
  ['America/Rio_Branco', 'Rio Branco — AC (UTC−5)'],
  ['America/Eirunepe', 'Eirunepé — AM oeste (UTC−5)'],
] as const;
