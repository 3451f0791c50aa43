using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Storage.Protection;

namespace ShuangSuiJi.Storage.Tests;

public sealed class FieldCipherTests
{
    private const string IdNumber = "36010219900307123X";

    private static FieldCipher NewCipher(string id = "1") => new(id, RandomNumberGenerator.GetBytes(16));

    [Fact]
    public void Encrypt_ThenDecrypt_GivesTheValueBack()
    {
        var cipher = NewCipher();

        var stored = cipher.Encrypt(IdNumber);

        Assert.StartsWith("ssj:1:1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(IdNumber, stored, StringComparison.Ordinal);
        Assert.Equal(IdNumber, cipher.Decrypt(stored));
    }

    [Fact]
    public void ContentHash_IsKeyed_SameUnderOneKeyAndNotThePlainHash()
    {
        var cipher = NewCipher();
        var content = $$"""{"idNumber":{"value":"{{IdNumber}}"},"name":"叶婷"}""";

        var hash = cipher.ContentHash(content);

        Assert.Equal(hash, cipher.ContentHash(content));
        Assert.NotEqual(hash, NewCipher().ContentHash(content));
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content))), hash);
        Assert.Equal(64, hash.Length);
    }

    [Fact]
    public void Encrypt_SameValueTwice_DiffersEachTime() =>
        Assert.NotEqual(NewCipher().Encrypt(IdNumber), NewCipher().Encrypt(IdNumber));

    [Fact]
    public void Decrypt_OneByteChanged_FailsItsIntegrityCheck()
    {
        var cipher = NewCipher();
        var stored = cipher.Encrypt(IdNumber);
        var bytes = Convert.FromBase64String(stored["ssj:1:1:".Length..]);
        bytes[^20] ^= 0x01;

        var ex = Assert.Throws<CryptographicException>(() => cipher.Decrypt("ssj:1:1:" + Convert.ToBase64String(bytes)));

        Assert.Contains("integrity", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_KeyIdInTheHeaderChanged_Fails()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var cipher = new FieldCipher("2", key, new Dictionary<string, byte[]> { ["1"] = key });
        var stored = cipher.Encrypt(IdNumber);

        Assert.Throws<CryptographicException>(() => cipher.Decrypt("ssj:1:1:" + stored["ssj:1:2:".Length..]));
    }

    [Fact]
    public void Decrypt_AnotherKey_Fails() =>
        Assert.Throws<CryptographicException>(() => NewCipher().Decrypt(NewCipher().Encrypt(IdNumber)));

    [Fact]
    public void Decrypt_RetiredKeyConfigured_ReadsOldValues()
    {
        var old = RandomNumberGenerator.GetBytes(16);
        var stored = new FieldCipher("1", old).Encrypt(IdNumber);
        var rotated = new FieldCipher("2", RandomNumberGenerator.GetBytes(16), new Dictionary<string, byte[]> { ["1"] = old });

        Assert.Equal(IdNumber, rotated.Decrypt(stored));
        Assert.StartsWith("ssj:1:2:", rotated.Encrypt(IdNumber), StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_RetiredKeyMissing_NamesTheKeyId()
    {
        var stored = NewCipher("old").Encrypt(IdNumber);

        var ex = Assert.Throws<CryptographicException>(() => NewCipher("new").Decrypt(stored));

        Assert.Contains("Security:RetiredDataKeys:old", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_PlainText_ComesBackAsItIs() => Assert.Equal("{\"a\":1}", NewCipher().Decrypt("{\"a\":1}"));

    [Fact]
    public void BlindIndexes_AfterARotation_AlsoGiveTheRetiredKeysIndex_WhichRowsNotYetReencryptedCarry()
    {
        var old = RandomNumberGenerator.GetBytes(16);
        var before = new FieldCipher("1", old);
        var rotated = new FieldCipher("2", RandomNumberGenerator.GetBytes(16), new Dictionary<string, byte[]> { ["1"] = old });

        var indexes = rotated.BlindIndexes(IdNumber);

        Assert.Equal([rotated.BlindIndex(IdNumber), before.BlindIndex(IdNumber)], indexes);
        Assert.NotEqual(indexes[0], indexes[1]);
        Assert.Equal([before.BlindIndex(IdNumber)], before.BlindIndexes(IdNumber));
    }

    [Fact]
    public void BlindIndex_SameValueAnySpelling_IsEqual_OtherValuesDiffer()
    {
        var cipher = NewCipher();

        Assert.Equal(cipher.BlindIndex(IdNumber), cipher.BlindIndex(" 36010219900307123x "));
        Assert.NotEqual(cipher.BlindIndex(IdNumber), cipher.BlindIndex("360102199003071231"));
        Assert.Equal(64, cipher.BlindIndex(IdNumber).Length);
    }

    [Fact]
    public void EncryptIfSensitive_OnlyTextWithNumbers_IsEncrypted()
    {
        var cipher = NewCipher();

        Assert.Equal("{\"creditCode\":\"91360100MA35ABCD1X\"}", cipher.EncryptIfSensitive("{\"creditCode\":\"91360100MA35ABCD1X\"}"));
        Assert.True(FieldCipher.IsEncrypted(cipher.EncryptIfSensitive($"{{\"idNumber\":\"{IdNumber}\"}}")));
        Assert.True(FieldCipher.IsEncrypted(cipher.EncryptIfSensitive("{\"phone\":\"13912345678\"}")));
    }

    [Fact]
    public void Load_ProductionWithoutKey_FailsNamingTheKey()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => DataKeys.Load(new SecurityOptions(), new StorageOptions(), production: true));

        Assert.Contains("Security:DataKey", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyNotSixteenBytes_FailsNamingTheKey()
    {
        var ex = Assert.Throws<OptionsValidationException>(() =>
            DataKeys.Load(new SecurityOptions { DataKey = Convert.ToBase64String(new byte[8]) }, new StorageOptions(), production: true));

        Assert.Contains("Security:DataKey must be Base64 of 16 bytes", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DevelopmentWithoutKey_GeneratesOneIntoTheDataFolderAndReusesIt()
    {
        var folder = Directory.CreateTempSubdirectory("ssj-key-");
        try
        {
            var storage = new StorageOptions { DataDirectory = folder.FullName };
            var first = DataKeys.Load(new SecurityOptions(), storage, production: false);
            var second = DataKeys.Load(new SecurityOptions(), storage, production: false);

            Assert.True(File.Exists(Path.Combine(folder.FullName, DataKeys.FileName)));
            Assert.Equal(IdNumber, second.Decrypt(first.Encrypt(IdNumber)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
