/** What a downloaded file can be, as its sniffed MIME type says. */
export const payloadKinds = ['executable', 'script', 'document', 'archive', 'pdf'] as const;
export type PayloadKind = (typeof payloadKinds)[number];

/**
 * Response types that can carry a first stage or a tool, as libmagic (Zeek's `resp_mime_types`)
 * names them. Everyday web content (HTML, images, scripts a page loads) is not here, nor CAB:
 * every Windows machine fetches its root-certificate lists and updates as CAB files.
 */
export const payloadMimeTypes: readonly { mime: string; kind: PayloadKind }[] = [
  ...[
    'application/x-dosexec',
    'application/x-msdownload',
    'application/vnd.microsoft.portable-executable',
    'application/x-executable',
    'application/x-elf',
    'application/x-sharedlib',
    'application/x-mach-o-executable',
    'application/x-msi',
    'application/x-ms-installer',
    'application/java-archive',
  ].map((mime) => ({ mime, kind: 'executable' as const })),
  ...[
    'application/hta',
    'application/x-ms-shortcut',
    'text/x-shellscript',
    'application/x-sh',
    'text/x-msdos-batch',
    'text/vbscript',
    'application/x-powershell',
  ].map((mime) => ({ mime, kind: 'script' as const })),
  ...[
    'application/msword',
    'application/vnd.ms-excel',
    'application/vnd.ms-powerpoint',
    'application/vnd.ms-office',
    'application/x-ole-storage',
    'application/rtf',
    'text/rtf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.ms-word.document.macroenabled.12',
    'application/vnd.ms-excel.sheet.macroenabled.12',
  ].map((mime) => ({ mime, kind: 'document' as const })),
  ...[
    'application/zip',
    'application/x-rar',
    'application/x-rar-compressed',
    'application/vnd.rar',
    'application/x-7z-compressed',
    'application/x-iso9660-image',
  ].map((mime) => ({ mime, kind: 'archive' as const })),
  { mime: 'application/pdf', kind: 'pdf' },
];

/**
 * URI extensions that promise something harmless: an executable served under one of them is
 * disguised (ATT&CK T1036.008). `.bin` and `.dat` promise nothing, so they are not here.
 */
export const harmlessExtensions: ReadonlySet<string> = new Set([
  'jpg',
  'jpeg',
  'gif',
  'png',
  'bmp',
  'ico',
  'svg',
  'webp',
  'css',
  'js',
  'txt',
  'htm',
  'html',
  'xml',
  'json',
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'mp3',
  'mp4',
  'woff',
  'woff2',
]);
