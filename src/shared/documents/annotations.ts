import { z } from 'zod';
import { visibleLine } from '../contract/text';

/*
 * Annotations are data drawn over the image (an SVG layer), never burnt into
 * it. Coordinates are fractions of the image's width and height (0..1), so an
 * annotation stays put at any zoom, on any screen, and on the thumbnail.
 */

const coord = z.number().min(0).max(1);
const point = z.object({ x: coord, y: coord }).strict();
export const ANNOTATION_COLOURS = ['yellow', 'red', 'cyan', 'white'] as const;
const colour = z.enum(ANNOTATION_COLOURS);

const shapeSchema = (text: z.ZodString) =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('arrow'), from: point, to: point, colour }).strict(),
    z.object({ kind: z.literal('line'), from: point, to: point, colour }).strict(),
    z.object({ kind: z.literal('text'), at: point, text, colour }).strict(),
  ]);
/** A shape as stored and read back. */
export const annotationShapeSchema = shapeSchema(z.string().trim().min(1).max(200));
/** A shape as a person draws it now: its label is one line, with nothing invisible in it. */
export const annotationShapeInputSchema = shapeSchema(visibleLine(z.string().trim().min(1).max(200)));
export type AnnotationShape = z.infer<typeof annotationShapeSchema>;
export type AnnotationKind = AnnotationShape['kind'];
export const ANNOTATION_KINDS: readonly AnnotationKind[] = ['arrow', 'line', 'text'];
