import { z } from 'zod';

/*
 * Annotations are data drawn over the image (an SVG layer), never burnt into
 * it. Coordinates are fractions of the image's width and height (0..1), so an
 * annotation stays put at any zoom, on any screen, and on the thumbnail.
 */

const coord = z.number().min(0).max(1);
const point = z.object({ x: coord, y: coord }).strict();
export const ANNOTATION_COLOURS = ['yellow', 'red', 'cyan', 'white'] as const;
const colour = z.enum(ANNOTATION_COLOURS);

export const annotationShapeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('arrow'), from: point, to: point, colour }).strict(),
  z.object({ kind: z.literal('line'), from: point, to: point, colour }).strict(),
  z.object({ kind: z.literal('text'), at: point, text: z.string().trim().min(1).max(200), colour }).strict(),
]);
export type AnnotationShape = z.infer<typeof annotationShapeSchema>;
export type AnnotationKind = AnnotationShape['kind'];
export const ANNOTATION_KINDS: readonly AnnotationKind[] = ['arrow', 'line', 'text'];
