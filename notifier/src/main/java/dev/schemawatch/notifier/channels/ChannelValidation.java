package dev.schemawatch.notifier.channels;

import dev.schemawatch.contracts.naming.Glob;
import dev.schemawatch.contracts.notification.ChannelType;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** What makes a channel usable, checked for configured channels at start and for API ones on every write. */
public final class ChannelValidation {

    public static final String SECRET_PREFIX = "whsec_";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private ChannelValidation() {
    }

    /** @return every problem, worded for the person who configured the channel; empty when it is valid */
    public static List<String> problems(Channel channel) {
        List<String> problems = new ArrayList<>();
        if (channel.id() == null || !ID.matcher(channel.id()).matches()) {
            problems.add("id must be 1 to 63 lower-case letters, digits or dashes");
        }
        if (channel.type() == null) {
            problems.add("type must be SLACK or WEBHOOK");
        }
        if (channel.url() == null || channel.url().getHost() == null
                || !("https".equals(channel.url().getScheme()) || "http".equals(channel.url().getScheme()))) {
            problems.add("url must be an absolute http or https URL");
        }
        if (channel.type() == ChannelType.WEBHOOK && channel.secrets().isEmpty()) {
            problems.add("a WEBHOOK channel needs at least one secret (whsec_<base64 of 24 to 64 random bytes>)");
        }
        if (channel.type() == ChannelType.SLACK && !channel.secrets().isEmpty()) {
            problems.add("a SLACK channel takes no secrets: its URL is the secret");
        }
        for (int i = 0; i < channel.secrets().size(); i++) {
            String problem = secretProblem(channel.secrets().get(i));
            if (problem != null) {
                problems.add("secret #" + (i + 1) + " " + problem);
            }
        }
        for (String glob : concat(channel.schemas(), channel.tables())) {
            try {
                Glob.of(glob);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    /** The key bytes of a {@code whsec_} secret; the caller validated it. */
    public static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    }

    private static String secretProblem(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return "must start with " + SECRET_PREFIX;
        }
        try {
            int length = key(secret).length;
            return length >= 24 && length <= 64 ? null : "must encode 24 to 64 bytes, not " + length;
        } catch (IllegalArgumentException e) {
            return "is not valid base64 after " + SECRET_PREFIX;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
