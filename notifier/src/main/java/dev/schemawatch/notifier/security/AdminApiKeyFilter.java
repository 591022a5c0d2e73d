package dev.schemawatch.notifier.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the admin endpoints (everything under {@code /api/v1/channels}, which shows endpoints and
 * takes secrets, and every POST under {@code /api/v1/deliveries}, which sends messages again) with
 * the {@value #HEADER} header. Without a configured key they refuse every request, rather than
 * stand open.
 */
public class AdminApiKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-API-Key";

    private final byte[] key;

    /** @param key the configured key, or null/blank for none */
    public AdminApiKeyFilter(String key) {
        this.key = key == null || key.isBlank() ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean channels = path.equals("/api/v1/channels") || path.startsWith("/api/v1/channels/");
        boolean replay = "POST".equals(request.getMethod()) && path.startsWith("/api/v1/deliveries");
        return !(channels || replay);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (key == null) {
            refuse(response, HttpStatus.FORBIDDEN, "the admin API is off: set schemawatch.notifier.admin-api-key");
            return;
        }
        String given = request.getHeader(HEADER);
        // A constant-time comparison: the time taken must not tell how much of a guess was right.
        if (given == null || !MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8))) {
            refuse(response, HttpStatus.UNAUTHORIZED, "missing or wrong " + HEADER + " header");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail + "\"}");
    }
}
