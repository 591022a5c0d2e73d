package dev.schemawatch.contracts.api;

import java.util.List;
import java.util.function.Function;

/** The shape of every paged {@code /api/v1} list: the items of one page and where that page sits. */
public record PagedResponse<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    public static <S, T> PagedResponse<T> of(List<S> items, int page, int size, long total, Function<S, T> mapping) {
        int pages = size == 0 ? 0 : (int) ((total + size - 1) / size);
        return new PagedResponse<>(items.stream().map(mapping).toList(), page, size, total, pages);
    }
}
