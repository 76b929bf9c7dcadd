import type { ImportField } from '../../../shared/contract/patients';
import { fold } from '../../../shared/text/fold';

export type ImportMapping = Partial<Record<ImportField, number>>;

/** "F. Nac." → "f nac", "E-mail" → "e mail", "Teléfono(s)" → "telefono s". */
export function headerKey(header: string): string {
  return fold(header)
    .replace(/[^a-z0-9ñ]+/g, ' ')
    .trim();
}

/**
 * Header names practices use, in Spanish (Chile, Mexico, Argentina, Spain...)
 * and English, already folded by headerKey. Exact matches come first.
 */
const SYNONYMS: Record<ImportField, readonly string[]> = {
  givenNames: ['nombres', 'nombre', 'nombre s', 'nombre de pila', 'nombres del paciente', 'primer nombre', 'given names', 'given name', 'first name', 'first names', 'firstname', 'forename'],
  firstSurname: [
    'apellido paterno', 'primer apellido', 'apellido', 'apellidos', 'apellido 1', 'apellido1', 'ap paterno', 'a paterno', 'paterno',
    'first surname', 'surname', 'surnames', 'last name', 'lastname', 'family name', 'last names',
  ],
  secondSurname: ['apellido materno', 'segundo apellido', 'apellido 2', 'apellido2', 'ap materno', 'a materno', 'materno', 'second surname', 'second last name', 'mother s surname'],
  fullName: [
    'nombre completo', 'paciente', 'nombre del paciente', 'nombre paciente', 'nombre y apellido', 'nombre y apellidos', 'nombres y apellidos',
    'apellidos y nombres', 'apellidos nombres', 'full name', 'fullname', 'patient', 'patient name', 'name',
  ],
  documentNumber: [
    'rut', 'run', 'dni', 'documento', 'curp', 'cedula', 'ci', 'cedula de identidad', 'documento de identidad', 'n documento', 'no documento', 'nro documento',
    'numero de documento', 'num documento', 'rut paciente', 'rut del paciente', 'pasaporte', 'nif', 'nie', 'document', 'document number', 'id number',
    'national id', 'passport',
  ],
  birthDate: [
    'fecha de nacimiento', 'fecha nacimiento', 'f nac', 'fnac', 'f de nac', 'fecha nac', 'nacimiento', 'f nacimiento', 'fec nac', 'cumpleanos',
    'birth date', 'birthdate', 'date of birth', 'dob', 'birthday',
  ],
  sex: ['sexo', 'genero', 'sexo genero', 'sex', 'gender'],
  phone: [
    'telefono', 'telefonos', 'telefono s', 'celular', 'movil', 'whatsapp', 'fono', 'fonos', 'tel', 'telefono movil', 'telefono celular', 'numero de telefono',
    'phone', 'phones', 'mobile', 'cell', 'cellphone', 'cell phone', 'mobile phone', 'telephone', 'phone number',
  ],
  email: ['correo', 'email', 'e mail', 'correo electronico', 'mail', 'email address', 'e mail address'],
  street: ['direccion', 'domicilio', 'calle', 'direccion particular', 'address', 'street', 'street address'],
  district: ['comuna', 'municipio', 'barrio', 'colonia', 'alcaldia', 'delegacion', 'district', 'county'],
  city: ['ciudad', 'localidad', 'poblacion', 'city', 'town'],
  region: ['region', 'provincia', 'estado', 'departamento', 'state', 'province'],
  notes: ['observaciones', 'observacion', 'notas', 'nota', 'comentarios', 'comentario', 'notes', 'note', 'comments', 'remarks'],
};

/** Looser rules for headers with extra words ("Teléfono de contacto", "RUT (sin puntos)"), tried after exact matches. */
const PATTERNS: readonly [ImportField, RegExp][] = [
  ['documentNumber', /^(?!.*\btipo\b)(?!.*\btype\b).*\b(rut|run|dni|curp|cedula|pasaporte|passport)\b/],
  ['birthDate', /\b(nacimiento|birth)\b|^f(echa)? ?(de )?nac\b/],
  ['secondSurname', /\bapellido materno\b|\bsegundo apellido\b/],
  ['firstSurname', /\bapellido paterno\b|\bprimer apellido\b/],
  ['phone', /^(telefono|celular|movil|fono|whatsapp|phone|mobile)\b/],
  ['email', /\b(correo|e ?mail)\b/],
  ['street', /^(direccion|domicilio|address)\b/],
  ['notes', /^(observaciones|notas|comentarios|notes|comments)\b/],
];

const EXACT = new Map<string, ImportField>();
for (const [field, names] of Object.entries(SYNONYMS) as [ImportField, readonly string[]][]) {
  for (const name of names) EXACT.set(name, field);
}

/**
 * Proposes which column feeds which field, from the header names; the user
 * confirms or changes it in the preview. Each field takes the first column
 * that names it.
 */
export function suggestMapping(headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const keys = headers.map(headerKey);
  keys.forEach((key, column) => {
    const field = EXACT.get(key);
    if (field && mapping[field] === undefined) mapping[field] = column;
  });
  const taken = new Set(Object.values(mapping));
  keys.forEach((key, column) => {
    if (taken.has(column) || key === '') return;
    const match = PATTERNS.find(([field, pattern]) => mapping[field] === undefined && pattern.test(key));
    if (match) {
      mapping[match[0]] = column;
      taken.add(column);
    }
  });

  // A lone "Nombre" column beside no surname column holds the whole name ("Ana Pérez Soto").
  if (mapping.givenNames !== undefined && mapping.firstSurname === undefined && mapping.fullName === undefined) {
    mapping.fullName = mapping.givenNames;
    delete mapping.givenNames;
  }
  // "Name" beside "Last name" holds the given names.
  if (mapping.fullName !== undefined && mapping.firstSurname !== undefined && mapping.givenNames === undefined) {
    mapping.givenNames = mapping.fullName;
    delete mapping.fullName;
  }
  return mapping;
}
