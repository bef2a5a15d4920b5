package io.packetstream.query.read;

/**
 * How much one Redis read of an answer may take.
 *
 * @param page      members or fields per scan command (SSCAN/HSCAN COUNT, ZRANGEBYLEX LIMIT)
 * @param entries   stream entries per XRANGE page of question 5
 * @param wholeRead the largest set or hash read in one SMEMBERS or HGETALL rather than in scan pages
 */
record ReadSizes(int page, int entries, int wholeRead) {

    ReadSizes {
        if (page < 1 || entries < 1 || wholeRead < 0) {
            throw new IllegalArgumentException("page sizes must be positive and the whole-read limit not negative, "
                    + "were " + page + ", " + entries + " and " + wholeRead);
        }
    }
}
