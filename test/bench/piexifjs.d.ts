declare module 'piexifjs' {
  const piexif: {
    /** Removes EXIF from a JPEG given as a binary string. */
    remove(jpeg: string): string;
  };
  export default piexif;
}
