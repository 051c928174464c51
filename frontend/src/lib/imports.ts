// The two spreadsheet imports, sent as multipart forms through the typed client.
import { api, call } from '../api/client';

function form(file: File, dryRun: boolean, confirm = ''): FormData {
  const body = new FormData();
  body.append('file', file, file.name);
  body.append('dry_run', String(dryRun));
  if (confirm) body.append('confirm', confirm);
  return body;
}

// Each typed body satisfies the schema; the serializer sends the file itself.
export const importPeople = (file: File, dryRun: boolean, confirm: string) =>
  call(() =>
    api.POST('/api/admin/people/import', {
      body: { file: file.name, dry_run: dryRun, confirm },
      bodySerializer: () => form(file, dryRun, confirm),
    }),
  );

export const importRates = (file: File, dryRun: boolean) =>
  call(() =>
    api.POST('/api/admin/rates/import', {
      body: { file: file.name, dry_run: dryRun },
      bodySerializer: () => form(file, dryRun),
    }),
  );
