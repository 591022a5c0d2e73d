package dev.schemawatch.notifier.channels;

import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.notification.ChannelType;
import dev.schemawatch.contracts.notification.NoticeKind;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Channels, for admins (X-API-Key). Responses never carry a secret or a URL path: a channel shows
 * its endpoint's scheme, host and port and how many secrets it has.
 */
@RestController
public class ChannelsController {

    private final Channels channels;

    public ChannelsController(Channels channels) {
        this.channels = channels;
    }

    @GetMapping("/api/v1/channels")
    @Operation(summary = "Every channel, secrets left out")
    public List<ChannelView> channels() {
        return channels.routes().stream().map(Route::channel).sorted(Comparator.comparing(Channel::id)).map(ChannelView::of).toList();
    }

    @GetMapping("/api/v1/channels/{id}")
    @Operation(summary = "One channel, secrets left out")
    public ChannelView channel(@PathVariable String id) {
        return ChannelView.of(existing(id));
    }

    @PutMapping("/api/v1/channels/{id}")
    @Operation(summary = "Creates or replaces a channel; secrets left out keep the stored ones")
    public ChannelView put(@PathVariable String id, @RequestBody ChannelRequest request) {
        Channel stored = channels.find(id).orElse(null);
        if (stored != null && stored.source() == Channel.Source.CONFIGURATION) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "channel " + id + " comes from configuration; change it there");
        }
        List<String> secrets = request.secrets() == null && stored != null ? stored.secrets() : request.secrets();
        boolean enabled = request.enabled() == null || request.enabled();
        Channel channel = new Channel(id, request.type(), request.url(), secrets, request.minSeverity(), request.schemas(), request.tables(),
                request.kinds(), enabled, enabled ? null : "disabled through the API", Channel.Source.API);
        try {
            channels.save(channel);
        } catch (Channels.InvalidChannelException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return ChannelView.of(channel);
    }

    @PostMapping("/api/v1/channels/{id}:enable")
    @Operation(summary = "Enables a channel, e.g. after its endpoint answered 410 Gone and was fixed")
    public ChannelView enable(@PathVariable String id) {
        Channel enabled = existing(id).reenabled();
        channels.save(enabled);
        return ChannelView.of(enabled);
    }

    @PostMapping("/api/v1/channels/{id}:disable")
    @Operation(summary = "Disables a channel: what it would have received is kept as SUPPRESSED")
    public ChannelView disable(@PathVariable String id) {
        existing(id);
        channels.disable(id, "disabled through the API");
        return ChannelView.of(existing(id));
    }

    @DeleteMapping("/api/v1/channels/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Deletes a channel created through the API")
    public void delete(@PathVariable String id) {
        if (existing(id).source() == Channel.Source.CONFIGURATION) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "channel " + id + " comes from configuration; remove it there");
        }
        channels.delete(id);
    }

    private Channel existing(String id) {
        return channels.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no channel " + id));
    }

    /** A channel as written through the API; {@code secrets} null keeps the stored ones, {@code enabled} null means true. */
    public record ChannelRequest(ChannelType type, URI url, List<String> secrets, Severity minSeverity, List<String> schemas,
                                 List<String> tables, Set<NoticeKind> kinds, Boolean enabled) {
    }

    /** A channel as shown: no secret, no URL path. */
    public record ChannelView(String id, ChannelType type, String endpoint, int secrets, Severity minSeverity, List<String> schemas,
                              List<String> tables, Set<NoticeKind> kinds, boolean enabled, String disabledReason, Channel.Source source) {

        static ChannelView of(Channel channel) {
            return new ChannelView(channel.id(), channel.type(), channel.endpoint(), channel.secrets().size(), channel.minSeverity(),
                    channel.schemas(), channel.tables(), channel.kinds(), channel.enabled(), channel.disabledReason(), channel.source());
        }
    }
}
