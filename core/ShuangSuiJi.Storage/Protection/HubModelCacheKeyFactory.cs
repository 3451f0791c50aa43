using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ShuangSuiJi.Storage.Protection;

/// <summary>
/// The model's value converters hold the <see cref="FieldCipher"/>, so contexts over different key rings (tests,
/// a rotation) need their own model; contexts over the same ring share one.
/// </summary>
internal sealed class HubModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is HubDbContext hub ? (context.GetType(), hub.Cipher.Fingerprint, designTime) : (context.GetType(), designTime);
}
