using IpSolis.Domain.Notifications;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Notifications;

/// <summary>Reads of the delivery log for the page and the API.</summary>
public static class NotificationLog
{
    /// <summary>The newest messages first, without their bodies.</summary>
    public static async Task<IReadOnlyList<NotificationMessage>> LoadAsync(IpSolisDbContext db, NotificationStatus? status, string? recipient, int limit, CancellationToken cancellationToken)
    {
        var query = db.Set<NotificationMessage>().AsNoTracking();
        if (status is { } wanted)
            query = query.Where(m => m.Status == wanted);
        if (!string.IsNullOrWhiteSpace(recipient))
        {
            var part = recipient.Trim().ToLowerInvariant();
            query = query.Where(m => m.Recipient.ToLower().Contains(part));
        }

        return await query.OrderByDescending(m => m.Id).Take(limit)
            .Select(m => new NotificationMessage
            {
                Id = m.Id,
                Channel = m.Channel,
                TemplateKey = m.TemplateKey,
                Culture = m.Culture,
                Recipient = m.Recipient,
                RecipientName = m.RecipientName,
                Subject = m.Subject,
                Status = m.Status,
                Attempts = m.Attempts,
                LastError = m.LastError,
                ServerAnswer = m.ServerAnswer,
                Reference = m.Reference,
                CreatedAt = m.CreatedAt,
                UpdatedAt = m.UpdatedAt,
                SentAt = m.SentAt,
                AttachmentsJson = m.AttachmentsJson == null ? null : "",
            })
            .ToListAsync(cancellationToken);
    }

    /// <summary>How many messages are in each status.</summary>
    public static async Task<IReadOnlyDictionary<NotificationStatus, int>> CountsAsync(IpSolisDbContext db, CancellationToken cancellationToken) =>
        await db.Set<NotificationMessage>().AsNoTracking().GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
