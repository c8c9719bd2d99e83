declare module 'svg-to-pdfkit' {
  /** Draws SVG markup onto a PDFKit document (the library ships no types of its own). */
  export default function SVGtoPDF(
    doc: PDFKit.PDFDocument,
    svg: string,
    x: number,
    y: number,
    options?: {
      width?: number;
      height?: number;
      fontCallback?: (family: string, bold: boolean, italic: boolean) => string;
      assumePt?: boolean;
    },
  ): void;
}
