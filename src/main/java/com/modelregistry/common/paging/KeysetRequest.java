package com.modelregistry.common.paging;

/** Which slice of a list the client asked for by position: the rows after a position (null: from the start). */
public record KeysetRequest<E>(KeysetOrder<E> order, Position after, int size) {
}
