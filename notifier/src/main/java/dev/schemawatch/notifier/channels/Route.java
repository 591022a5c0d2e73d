package dev.schemawatch.notifier.channels;

import dev.schemawatch.contracts.naming.Glob;
import dev.schemawatch.contracts.notification.NotificationItem;

import java.util.List;

/** A channel with its routing rule compiled: decides which notices it takes. */
public final class Route {

    private final Channel channel;
    private final List<Glob> schemas;
    private final List<Glob> tables;

    public Route(Channel channel) {
        this.channel = channel;
        this.schemas = channel.schemas().stream().map(Glob::of).toList();
        this.tables = channel.tables().stream().map(Glob::of).toList();
    }

    public Channel channel() {
        return channel;
    }

    /** Kind, severity and patterns; a disabled channel still matches, so that what it misses is kept as SUPPRESSED. */
    public boolean accepts(NotificationItem item) {
        if (!channel.kinds().contains(item.kind()) || !item.severity().atLeast(channel.minSeverity())) {
            return false;
        }
        if (item.table() == null) {
            // Nothing to match a pattern against: only a channel without patterns takes it.
            return schemas.isEmpty() && tables.isEmpty();
        }
        String qualifiedTable = item.database() + "." + item.table();
        String schema = item.database() + "." + item.table().split("\\.", 2)[0];
        return (schemas.isEmpty() || schemas.stream().anyMatch(glob -> glob.matches(schema)))
                && (tables.isEmpty() || tables.stream().anyMatch(glob -> glob.matches(qualifiedTable)));
    }
}
