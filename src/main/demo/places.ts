import type { Weighted } from './random';

/*
 * Where the demo's patients live and how they are covered. Weights are
 * rough, for a practice in eastern Santiago: illustrative, not statistics.
 */

const w = <T>(value: T, weight: number): Weighted<T> => ({ value, weight });

export const SANTIAGO_COMUNAS: readonly Weighted<string>[] = [
  w('Ñuñoa', 16),
  w('Providencia', 14),
  w('La Florida', 12),
  w('Peñalolén', 10),
  w('Macul', 9),
  w('Las Condes', 9),
  w('Santiago', 8),
  w('La Reina', 6),
  w('Puente Alto', 6),
  w('San Joaquín', 4),
  w('Maipú', 4),
  w('Vitacura', 3),
  w('Lo Barnechea', 2),
  w('Independencia', 2),
  w('Recoleta', 2),
  w('Estación Central', 2),
  w('San Miguel', 2),
];

export const STREETS: readonly string[] = [
  'Av. Irarrázaval',
  'Av. Grecia',
  'Av. José Pedro Alessandri',
  'Av. Macul',
  'Av. Vicuña Mackenna',
  'Av. Providencia',
  'Av. Los Leones',
  'Av. Pedro de Valdivia',
  'Av. Tobalaba',
  'Av. Larraín',
  'Av. Ossa',
  'Av. Apoquindo',
  'Av. Las Condes',
  'Av. Manquehue',
  'Av. Departamental',
  'Av. La Florida',
  'Av. Walker Martínez',
  'Av. Américo Vespucio',
  'Av. Consistorial',
  'Av. Príncipe de Gales',
  'Av. Egaña',
  'Av. Quilín',
  'Suecia',
  'Manuel Montt',
  'Dublé Almeyda',
  'Los Jardines',
  'Pedro Torres',
  'Capitán Orella',
  'Exequiel Fernández',
  'Julio Prado',
  'Campo de Deportes',
  'Los Alerces',
  'Los Aromos',
  'Las Encinas',
  'Los Plátanos',
  'Echeñique',
  'Simón Bolívar',
  'Carlos Silva Vildósola',
  'Hamburgo',
];

/** ISAPREs open to the public, by rough share of their members. */
export const ISAPRES: readonly Weighted<string>[] = [
  w('Banmédica', 22),
  w('Colmena', 20),
  w('Cruz Blanca', 20),
  w('Consalud', 18),
  w('Vida Tres', 8),
  w('Nueva Masvida', 8),
  w('Esencial', 4),
];

/** FONASA's income brackets among its members. */
export const FONASA_TRAMOS: readonly Weighted<'A' | 'B' | 'C' | 'D'>[] = [w('A', 22), w('B', 34), w('C', 18), w('D', 26)];

export const REFERRAL_SOURCES: readonly Weighted<string>[] = [
  w('Recomendación de un paciente', 40),
  w('Recomendación de un familiar', 20),
  w('Búsqueda en Google', 15),
  w('Instagram', 10),
  w('Convenio empresa', 8),
  w('Cercanía al domicilio o trabajo', 7),
];

export const PATIENT_NOTES: readonly string[] = [
  'Prefiere citas en la mañana.',
  'Prefiere citas después de las 18:00.',
  'Ansiedad dental: explicar cada paso antes de empezar.',
  'Confirmar la cita por WhatsApp el día anterior.',
  'Viene acompañado por un familiar.',
  'Pide boleta a nombre de la empresa.',
];
