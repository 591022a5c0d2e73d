package dev.schemawatch.contracts.notification;

/** How a channel is reached. */
public enum ChannelType {
    /** A Slack incoming webhook, sent Block Kit JSON. */
    SLACK,
    /** Any HTTP endpoint, sent a CloudEvents JSON document signed per the Standard Webhooks spec. */
    WEBHOOK
}
