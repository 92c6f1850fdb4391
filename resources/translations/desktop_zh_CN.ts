<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About {0}</source>
        <translation>关于 {0}</translation>
    </message>
    <message>
        <source>Spoken conversations with OpenAI Realtime models.</source>
        <translation>与 OpenAI Realtime 模型语音对话。</translation>
    </message>
    <message>
        <source>Free software under the MIT licence.</source>
        <translation>自由软件，以 MIT 许可证发布。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话记录</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>AudioArchiveRow</name>
    <message>
        <source>Keep each turn&apos;s audio, to play again and export</source>
        <translation>保留每轮的语音，以便重播和导出</translation>
    </message>
    <message>
        <source>Clear…</source>
        <translation>清除…</translation>
    </message>
    <message>
        <source>Clear the kept audio</source>
        <translation>清除保留的语音</translation>
    </message>
    <message>
        <source>{0} kept</source>
        <translation>已保留 {0}</translation>
    </message>
    <message>
        <source>Clear the kept audio?</source>
        <translation>清除保留的语音？</translation>
    </message>
    <message>
        <source>Every kept turn&apos;s audio is deleted. The conversations&apos; text stays.</source>
        <translation>所有保留的语音都会被删除，对话文字仍会保留。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>BubbleDelegate</name>
    <message>
        <source>Not asked for</source>
        <translation>并非你的提问</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已打断</translation>
    </message>
</context>
<context>
    <name>BudgetGuard</name>
    <message>
        <source>Today&apos;s budget is spent</source>
        <translation>今天的预算已用完</translation>
    </message>
    <message>
        <source>This month&apos;s budget is spent</source>
        <translation>本月的预算已用完</translation>
    </message>
    <message>
        <source>{0} of {1} is spent. Go on anyway? Nothing is cut off either way.</source>
        <translation>已用 {0}（预算 {1}）。仍要继续吗？无论如何都不会打断正在进行的回答。</translation>
    </message>
    <message>
        <source>Go on today</source>
        <translation>今天继续</translation>
    </message>
    <message>
        <source>Go on this month</source>
        <translation>本月继续</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不</translation>
    </message>
    <message>
        <source>Going on: hold Talk again.</source>
        <translation>继续：请再次按住说话。</translation>
    </message>
    <message>
        <source>Most of today&apos;s budget is spent: {0} of {1}.</source>
        <translation>今天的预算已用去大部分：{0}（预算 {1}）。</translation>
    </message>
    <message>
        <source>Most of this month&apos;s budget is spent: {0} of {1}.</source>
        <translation>本月的预算已用去大部分：{0}（预算 {1}）。</translation>
    </message>
    <message>
        <source>Today&apos;s budget is spent: {0} of {1}. The next turn asks first.</source>
        <translation>今天的预算已用完：{0}（预算 {1}）。下一轮开始前会先询问。</translation>
    </message>
    <message>
        <source>This month&apos;s budget is spent: {0} of {1}. The next turn asks first.</source>
        <translation>本月的预算已用完：{0}（预算 {1}）。下一轮开始前会先询问。</translation>
    </message>
</context>
<context>
    <name>CloseQuestion</name>
    <message>
        <source>Close the window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <source>Keep Realtime Desktop running in the tray?</source>
        <translation>关闭窗口后让 Realtime Desktop 在托盘中继续运行吗？</translation>
    </message>
    <message>
        <source>The global shortcut keeps working and a short sound marks each turn. Quit from the tray icon&apos;s menu.</source>
        <translation>全局快捷键仍然有效，每次说话的开始和结束会有提示音。要退出，请使用托盘图标的菜单。</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Type a message (Enter sends)</source>
        <translation>输入消息（按 Enter 发送）</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Answer in text</source>
        <translation>用文字回答</translation>
    </message>
    <message>
        <source>For quiet places: the answer is written, not spoken</source>
        <translation>适合安静场合：回答以文字显示，不播放语音</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话记录</translation>
    </message>
    <message>
        <source>Untitled conversation</source>
        <translation>未命名对话</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>DiagnosticsView</name>
    <message>
        <source>Key released → commit sent</source>
        <translation>松开按键 → 提交已发送</translation>
    </message>
    <message>
        <source>Server: response created → first audio</source>
        <translation>服务器：回答创建 → 第一段音频</translation>
    </message>
    <message>
        <source>Commit sent → first audio received</source>
        <translation>提交已发送 → 收到第一段音频</translation>
    </message>
    <message>
        <source>First audio → first sound</source>
        <translation>第一段音频 → 第一声</translation>
    </message>
    <message>
        <source>Key released → answer heard</source>
        <translation>松开按键 → 听到回答</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Where the time went</source>
        <translation>时间花在哪里</translation>
    </message>
    <message>
        <source>Playback buffer</source>
        <translation>播放缓冲</translation>
    </message>
    <message>
        <source>{0} ms queued (prebuffer {1} ms) · 1 underrun</source>
        <translation>已缓冲 {0} 毫秒（预缓冲 {1} 毫秒）· 欠载 1 次</translation>
    </message>
    <message>
        <source>{0} ms queued (prebuffer {1} ms) · {2} underruns</source>
        <translation>已缓冲 {0} 毫秒（预缓冲 {1} 毫秒）· 欠载 {2} 次</translation>
    </message>
    <message>
        <source>Where the time went, over the last {0} voice turns</source>
        <translation>时间花在哪里（最近 {0} 轮语音）</translation>
    </message>
    <message>
        <source>No voice turn yet: hold Talk, speak, let go.</source>
        <translation>还没有语音轮次：按住说话，讲完松开。</translation>
    </message>
</context>
<context>
    <name>EventInspector</name>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Search events</source>
        <translation>搜索事件</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>The event</source>
        <translation>事件内容</translation>
    </message>
    <message>
        <source>Events shown</source>
        <translation>显示的事件</translation>
    </message>
    <message>
        <source>Copy event</source>
        <translation>复制事件</translation>
    </message>
    <message>
        <source>Could not save to %1: %2</source>
        <translation>无法保存到 %1：%2</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Save events</source>
        <translation>保存事件</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Events: %1</source>
        <translation>事件：%1</translation>
    </message>
    <message>
        <source>Shown: %1 of %2</source>
        <translation>显示 %1 / 共 %2</translation>
    </message>
</context>
<context>
    <name>EventTable</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>↑ sent</source>
        <translation>↑ 发出</translation>
    </message>
    <message>
        <source>↓ received</source>
        <translation>↓ 收到</translation>
    </message>
    <message>
        <source>(no type)</source>
        <translation>（无类型）</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Plain text (*.txt)</source>
        <translation>纯文本 (*.txt)</translation>
    </message>
    <message>
        <source>Audio (*.wav)</source>
        <translation>音频 (*.wav)</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>{0} tokens</source>
        <translation>{0} 个 token</translation>
    </message>
    <message>
        <source>no price for this model</source>
        <translation>此模型没有价格</translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话记录</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Nothing to export yet.</source>
        <translation>还没有可导出的内容。</translation>
    </message>
    <message>
        <source>Conversation deleted.</source>
        <translation>对话已删除。</translation>
    </message>
    <message>
        <source>Kept from {0}. Hold Talk to go on with this conversation.</source>
        <translation>保存于 {0}。按住说话即可继续这段对话。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Microphone level</source>
        <translation>麦克风音量</translation>
    </message>
    <message>
        <source>Speaker level</source>
        <translation>扬声器音量</translation>
    </message>
    <message>
        <source>Mic</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>Demo: hold Space, say something, let go — you should hear yourself.</source>
        <translation>演示：按住空格键说句话，然后松开——你应该能听到自己的声音。</translation>
    </message>
    <message>
        <source>Listening… release to send</source>
        <translation>正在听… 松开即发送</translation>
    </message>
    <message>
        <source>Hold to talk (Space)</source>
        <translation>按住说话（空格键）</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>About Realtime Desktop</source>
        <translation>关于 Realtime Desktop</translation>
    </message>
    <message>
        <source>Type a Message</source>
        <translation>输入消息</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>ModelBar</name>
    <message>
        <source>Ask the relay which models it offers</source>
        <translation>向中转站查询可用的模型</translation>
    </message>
    <message>
        <source>Refresh the model list</source>
        <translation>刷新模型列表</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Voice: {0}</source>
        <translation>声音：{0}</translation>
    </message>
    <message>
        <source>This conversation: {0}</source>
        <translation>本次对话：{0}</translation>
    </message>
</context>
<context>
    <name>PricesDialog</name>
    <message>
        <source>Prices and budget</source>
        <translation>价格与预算</translation>
    </message>
    <message>
        <source>Price table</source>
        <translation>价格表</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>a day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>a month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>One line a model, per million tokens: name = text input, cached input, output; audio input, cached input, output; image input, cached input (optional). Dated models take their family&apos;s price; a model not listed shows its tokens only. The defaults are OpenAI&apos;s list prices of late 2026.</source>
        <translation>每行一个模型，单位为每百万 token：名称 = 文本输入、缓存输入、输出；音频输入、缓存输入、输出；图像输入、缓存输入（可省略）。带日期的模型按其系列计价；未列出的模型只显示 token 数。默认值为 OpenAI 2026 年末的公开价格。</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <source>The budget is not an amount.</source>
        <translation>预算不是有效的金额。</translation>
    </message>
    <message>
        <source>Line {0} cannot be read.</source>
        <translation>第 {0} 行无法识别。</translation>
    </message>
</context>
<context>
    <name>ProblemBanner</name>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Show or hide the key</source>
        <translation>显示或隐藏密钥</translation>
    </message>
    <message>
        <source>System settings, e.g. http://127.0.0.1:7890</source>
        <translation>留空则使用系统设置，例如 http://127.0.0.1:7890</translation>
    </message>
    <message>
        <source>System certificates</source>
        <translation>系统证书</translation>
    </message>
    <message>
        <source>A PEM file of your network&apos;s certificate authority, trusted in addition</source>
        <translation>你所在网络的证书颁发机构的 PEM 文件，将额外信任</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Optional: how the assistant should speak, e.g. “Answer in Chinese.”</source>
        <translation>可选：助手应如何说话，例如“用中文回答。”</translation>
    </message>
    <message>
        <source>Talk from any app while holding</source>
        <translation>在任何应用中按住即可说话</translation>
    </message>
    <message>
        <source>Play a short sound when a turn starts and ends</source>
        <translation>开始和结束说话时播放提示音</translation>
    </message>
    <message>
        <source>Only while the window is hidden</source>
        <translation>仅在窗口隐藏时</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Edit the price table and the budget</source>
        <translation>编辑价格表和预算</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>接口地址</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>语音</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Check connection</source>
        <translation>检查连接</translation>
    </message>
    <message>
        <source>About…</source>
        <translation>关于…</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>{0} (not connected)</source>
        <translation>{0}（未连接）</translation>
    </message>
    <message>
        <source>No system keyring was found, so the key cannot be saved. A key entered here is used until you quit.</source>
        <translation>未找到系统密钥环，无法保存密钥。在此输入的密钥仅在本次运行中使用。</translation>
    </message>
    <message>
        <source>The keyring is not usable: {0}</source>
        <translation>密钥环不可用：{0}</translation>
    </message>
    <message>
        <source>Saved in the system keyring</source>
        <translation>已保存在系统密钥环中</translation>
    </message>
    <message>
        <source>Leave empty to keep the saved key.</source>
        <translation>留空则保留已保存的密钥。</translation>
    </message>
    <message>
        <source>The key is kept in the system keyring, nowhere else.</source>
        <translation>密钥只保存在系统密钥环中，不会存放在别处。</translation>
    </message>
    <message>
        <source>Certificate authority</source>
        <translation>证书颁发机构</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Your own table</source>
        <translation>自定义价格表</translation>
    </message>
    <message>
        <source>OpenAI&apos;s list prices</source>
        <translation>OpenAI 公开价格</translation>
    </message>
    <message>
        <source>a day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>a month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>budget {0} {1}</source>
        <translation>预算 {0}（{1}）</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Open log</source>
        <translation>打开日志</translation>
    </message>
</context>
<context>
    <name>TranscriptModel</name>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant (not asked for)</source>
        <translation>助手（并非你的提问）</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>(interrupted)</source>
        <translation>（已打断）</translation>
    </message>
    <message>
        <source>Not heard: {0}</source>
        <translation>未听到：{0}</translation>
    </message>
    <message>
        <source>(not transcribed)</source>
        <translation>（未转写）</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>spoken</source>
        <translation>语音</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Play again</source>
        <translation>再次播放</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Show window</source>
        <translation>显示窗口</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Listening…</source>
        <translation>正在聆听…</translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation>正在回答</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Talk</source>
        <translation>说话</translation>
    </message>
</context>
<context>
    <name>UsageView</name>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Usage {0}</source>
        <translation>用量（{0}）</translation>
    </message>
    <message>
        <source>Each answer, and each transcription of what you said, is priced when it is reported, from the price table in Settings. Deleted conversations count: they were billed all the same.</source>
        <translation>每个回答以及对你所说内容的每次转写，都在报告用量时按设置中的价格表计价。已删除的对话也计算在内：它们同样已被计费。</translation>
    </message>
    <message>
        <source>(+{0} without a price)</source>
        <translation>（另有 {0} 项未计价）</translation>
    </message>
</context>
<context>
    <name>Waterfall</name>
    <message>
        <source>Sent</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>To the relay</source>
        <translation>到中转</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>{0} ms</source>
        <translation>{0} 毫秒</translation>
    </message>
    <message>
        <source>Stopped before it was heard</source>
        <translation>还没听到就停止了</translation>
    </message>
    <message>
        <source>Heard {0} after you let go</source>
        <translation>松开后 {0} 听到</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <source>Could not connect</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>That was too short to hear. Hold Space or Talk while you speak.</source>
        <translation>太短了，听不清。说话时请按住空格键或“说话”按钮。</translation>
    </message>
    <message>
        <source>Still connecting. Hold to talk again in a moment.</source>
        <translation>仍在连接中，请稍后再按住说话。</translation>
    </message>
    <message>
        <source>The relay did not answer. Trying again…</source>
        <translation>中转站没有响应，正在重试…</translation>
    </message>
    <message>
        <source>The session reached its time limit. Hold to talk: a new one continues the conversation.</source>
        <translation>会话已达到时长上限。按住说话即可：新的会话会接着之前的对话继续。</translation>
    </message>
    <message>
        <source>The audio device is back. Hold to talk.</source>
        <translation>音频设备已恢复，可以按住说话了。</translation>
    </message>
    <message>
        <source>Something went wrong inside the app ({0}). It keeps running; the details are in the log.</source>
        <translation>应用内部出错（{0}）。应用仍在运行；详细信息见日志。</translation>
    </message>
    <message>
        <source>Realtime Desktop closed unexpectedly last time. The crash log can help fix it.</source>
        <translation>Realtime Desktop 上次意外关闭。崩溃日志有助于修复问题。</translation>
    </message>
    <message>
        <source>You held Talk for five minutes, so that turn was sent. Hold again to go on.</source>
        <translation>您已按住说话五分钟，这段话已发送。再次按住即可继续。</translation>
    </message>
    <message>
        <source>This conversation is not being saved: the history file cannot be written. The log says why.</source>
        <translation>此对话未被保存：无法写入历史记录文件。原因见日志。</translation>
    </message>
    <message>
        <source>Demo ready: hold Space, say something, let go, and you should hear yourself.</source>
        <translation>演示已就绪：按住空格键说句话，松开后应能听到自己的声音。</translation>
    </message>
    <message>
        <source>{0} cannot be used from other apps. Choose another combination.</source>
        <translation>{0} 无法在其他应用中使用。请选择其他组合键。</translation>
    </message>
    <message>
        <source>{0} is already used by another program. Choose another combination; Space in this window still works.</source>
        <translation>{0} 已被其他程序占用。请选择其他组合键；在本窗口中按空格键仍可说话。</translation>
    </message>
    <message>
        <source>This Wayland desktop offers no global shortcuts to apps, so {0} cannot work in other apps. Space in this window still works.</source>
        <translation>此 Wayland 桌面不向应用提供全局快捷键，因此 {0} 无法在其他应用中使用。在本窗口中按空格键仍可说话。</translation>
    </message>
    <message>
        <source>To hear {0} in other apps, allow Realtime Desktop under System Settings → Privacy &amp; Security → Accessibility and Input Monitoring, then restart it.</source>
        <translation>要在其他应用中响应 {0}，请在“系统设置 → 隐私与安全性 → 辅助功能”和“输入监控”中允许 Realtime Desktop，然后重新启动它。</translation>
    </message>
    <message>
        <source>Shortcuts from other apps are not available on this desktop. Space in this window still works.</source>
        <translation>此桌面不支持在其他应用中使用快捷键。在本窗口中按空格键仍可说话。</translation>
    </message>
    <message>
        <source>The relay did not accept your API key. Check it in Settings.</source>
        <translation>中转站不接受你的 API 密钥，请在设置中检查。</translation>
    </message>
    <message>
        <source>The relay refused the connection: your key may not be allowed to use this model. Check the key and the model in Settings.</source>
        <translation>中转服务拒绝了连接：您的密钥可能无权使用此模型。请在设置中检查密钥和模型。</translation>
    </message>
    <message>
        <source>Nothing answers at this address. Check the base URL in Settings.</source>
        <translation>此地址无响应，请在设置中检查接口地址。</translation>
    </message>
    <message>
        <source>The relay refused the request.</source>
        <translation>中转站拒绝了请求。</translation>
    </message>
    <message>
        <source>The relay does not offer this model. Pick another model or check its name.</source>
        <translation>中转站不提供此模型，请换一个模型或检查模型名称。</translation>
    </message>
    <message>
        <source>Too many requests. Wait a minute, then try again.</source>
        <translation>请求过多，请稍等一分钟再试。</translation>
    </message>
    <message>
        <source>Your balance or quota is used up. Top it up, then reconnect.</source>
        <translation>余额或额度已用完，请充值后重新连接。</translation>
    </message>
    <message>
        <source>The relay could not reach the model right now. Try again shortly.</source>
        <translation>中转站暂时无法连接到模型，请稍后再试。</translation>
    </message>
    <message>
        <source>Cannot reach the relay. Check your network and the base URL.</source>
        <translation>无法连接到中转站，请检查网络和接口地址。</translation>
    </message>
    <message>
        <source>The relay&apos;s certificate is not trusted, so nothing was sent. If your network uses its own certificate authority, choose its certificate file under Settings → CA bundle. Reason:</source>
        <translation>中转站的证书不受信任，因此没有发送任何内容。如果你的网络使用自己的证书颁发机构，请在“设置 → CA 证书”中选择它的证书文件。原因：</translation>
    </message>
    <message>
        <source>The connection was dropped. Hold to talk to go on: a new session continues the conversation.</source>
        <translation>连接已断开。按住说话即可继续：新的会话会接着之前的对话。</translation>
    </message>
    <message>
        <source>The relay closed the connection before the session began. Check the model and key in Settings, or try again later.</source>
        <translation>会话开始前中转服务关闭了连接。请在设置中检查模型和密钥，或稍后重试。</translation>
    </message>
    <message>
        <source>The relay accepted the connection but never started a session. It may not support realtime models; check the base URL and model.</source>
        <translation>中转服务接受了连接，但始终没有开始会话。它可能不支持实时模型；请检查基础 URL 和模型。</translation>
    </message>
    <message>
        <source>The answer stalled: nothing arrived for several seconds. Reconnect and ask again; the conversation so far is kept.</source>
        <translation>回答中断了：数秒内没有收到任何内容。请重新连接后再问一次；之前的对话会保留。</translation>
    </message>
    <message>
        <source>The relay cannot serve this model yet (it sends the old beta protocol flag). Pick a *-realtime-preview model, or ask the relay&apos;s operator to update it.</source>
        <translation>该中转站暂时无法提供此模型（它仍发送旧的 beta 协议标识）。请选择 *-realtime-preview 模型，或请中转站管理员升级。</translation>
    </message>
    <message>
        <source>The server reported a problem:</source>
        <translation>服务器报告了一个问题：</translation>
    </message>
    <message>
        <source>The relay sent messages this app could not read. They were ignored and the conversation goes on.</source>
        <translation>中转服务发来了本应用无法读取的消息。这些消息已被忽略，对话继续。</translation>
    </message>
    <message>
        <source>Enter your API key in Settings to start talking.</source>
        <translation>请先在设置中输入 API 密钥再开始对话。</translation>
    </message>
    <message>
        <source>Check Settings:</source>
        <translation>请检查设置：</translation>
    </message>
    <message>
        <source>No microphone could be opened. Connect one and try again.</source>
        <translation>无法打开麦克风，请连接麦克风后重试。</translation>
    </message>
    <message>
        <source>No speaker could be opened; answers will be text only.</source>
        <translation>无法打开扬声器，回答将只显示文字。</translation>
    </message>
    <message>
        <source>“{0}” is not an http(s) address such as https://api.openai.com.</source>
        <translation>“{0}”不是 http(s) 地址，应类似 https://api.openai.com。</translation>
    </message>
    <message>
        <source>Unencrypted http:// addresses are only allowed for this computer (localhost).</source>
        <translation>未加密的 http:// 地址只能用于本机（localhost）。</translation>
    </message>
    <message>
        <source>Choose a model first.</source>
        <translation>请先选择模型。</translation>
    </message>
    <message>
        <source>“{0}” is not a proxy address such as http://127.0.0.1:7890.</source>
        <translation>“{0}”不是代理地址，应类似 http://127.0.0.1:7890。</translation>
    </message>
    <message>
        <source>Proxy passwords are not stored in Settings; set HTTPS_PROXY for that proxy.</source>
        <translation>设置中不保存代理密码；需要密码的代理请用 HTTPS_PROXY 环境变量设置。</translation>
    </message>
    <message>
        <source>“{0}” has no valid port.</source>
        <translation>“{0}”的端口无效。</translation>
    </message>
    <message>
        <source>The CA bundle {0} cannot be used:</source>
        <translation>无法使用 CA 证书文件 {0}：</translation>
    </message>
    <message>
        <source>The relay did not answer within {0} s.</source>
        <translation>中转服务在 {0} 秒内没有应答。</translation>
    </message>
    <message>
        <source>The relay sent a message of {0} MB; the limit is {1} MB.</source>
        <translation>中转服务发来了一条 {0} MB 的消息，上限为 {1} MB。</translation>
    </message>
    <message>
        <source>The relay&apos;s model list is not in OpenAI&apos;s format.</source>
        <translation>中转服务的模型列表不是 OpenAI 格式。</translation>
    </message>
    <message>
        <source>It stopped or was disconnected.</source>
        <translation>它停止工作或已断开。</translation>
    </message>
    <message>
        <source>The first one was not JSON.</source>
        <translation>第一条不是 JSON。</translation>
    </message>
    <message>
        <source>The first one had no event type.</source>
        <translation>第一条没有事件类型。</translation>
    </message>
    <message>
        <source>The first one was a {0} event with fields of the wrong shape:</source>
        <translation>第一条是字段格式不对的 {0} 事件：</translation>
    </message>
    <message>
        <source>New session — {0} lines of the conversation carried over</source>
        <translation>新会话——已带入之前对话中的 {0} 句</translation>
    </message>
    <message>
        <source>Relay reachable</source>
        <translation>中转站可以访问</translation>
    </message>
    <message>
        <source>Relay not reachable</source>
        <translation>无法访问中转站</translation>
    </message>
    <message>
        <source>Key not checked</source>
        <translation>未能检查密钥</translation>
    </message>
    <message>
        <source>Key accepted</source>
        <translation>密钥有效</translation>
    </message>
    <message>
        <source>Key refused</source>
        <translation>密钥被拒绝</translation>
    </message>
    <message>
        <source>Model {0} accepted, {1} protocol, handshake {2} ms</source>
        <translation>模型 {0} 可用，{1} 协议，握手 {2} 毫秒</translation>
    </message>
    <message>
        <source>Your words will be transcribed</source>
        <translation>你说的话会被转写成文字</translation>
    </message>
    <message>
        <source>Input transcription is not available</source>
        <translation>无法转写你说的话</translation>
    </message>
    <message>
        <source>Model {0} not accepted</source>
        <translation>模型 {0} 不可用</translation>
    </message>
    <message>
        <source>Realtime models on this relay: {0}</source>
        <translation>该中转站的实时模型：{0}</translation>
    </message>
    <message>
        <source>Request id: {0}</source>
        <translation>请求 ID：{0}</translation>
    </message>
</context>
</TS>
