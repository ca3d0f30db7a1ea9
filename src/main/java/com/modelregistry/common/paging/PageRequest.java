package com.modelregistry.common.paging;

/** Which slice of a list the client asked for: page index from 0 and page size. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** Keeps page * size inside an int offset; no real list is this deep. */
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_SIZE;

    /** Panache's Page, named in full: this package's own Page is the answer's shape. */
    public io.quarkus.panache.common.Page toPanache() {
        return io.quarkus.panache.common.Page.of(page, size);
    }
}
